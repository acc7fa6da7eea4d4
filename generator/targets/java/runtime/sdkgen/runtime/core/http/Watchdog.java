package sdkgen.runtime.core.http;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** One daemon thread that runs the runtime's timeouts (closing a response whose time is up). */
final class Watchdog {
    private static final ScheduledThreadPoolExecutor EXECUTOR = executor();

    private Watchdog() {}

    private static ScheduledThreadPoolExecutor executor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "http-timeout-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        // Most alarms are cancelled (the body came in time): drop them at once, not when due.
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Runs {@code task} after {@code delay} unless the returned future is cancelled first. */
    static ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return EXECUTOR.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }
}
