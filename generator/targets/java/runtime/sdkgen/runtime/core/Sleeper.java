package sdkgen.runtime.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waits between retries. Tests inject one that records the waits instead of sleeping. */
public interface Sleeper {
    /** The real one: {@link Thread#sleep} and a delayed executor. */
    Sleeper SYSTEM = new Sleeper() {};

    /** Blocks for {@code duration}. */
    default void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    /** A future completed after {@code duration}, without holding a thread meanwhile. */
    default CompletableFuture<Void> sleepAsync(Duration duration) {
        return CompletableFuture.runAsync(
                () -> {}, CompletableFuture.delayedExecutor(duration.toMillis(), TimeUnit.MILLISECONDS));
    }
}
