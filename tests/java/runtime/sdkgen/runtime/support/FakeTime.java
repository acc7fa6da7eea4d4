package sdkgen.runtime.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import sdkgen.runtime.core.Sleeper;

/** A clock that moves only when told, and a sleeper that records each wait and moves the clock by it. */
public final class FakeTime extends Clock implements Sleeper {
    private final AtomicReference<Instant> now;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    public FakeTime(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public FakeTime() {
        this(Instant.parse("2026-01-02T03:04:05Z"));
    }

    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    public List<Duration> sleeps() {
        synchronized (sleeps) {
            return new ArrayList<>(sleeps);
        }
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        advance(duration);
    }

    @Override
    public CompletableFuture<Void> sleepAsync(Duration duration) {
        sleep(duration);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
