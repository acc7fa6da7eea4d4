package sdkgen.runtime.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import sdkgen.runtime.errors.SdkTimeoutException;

/**
 * A response whose body has a time limit: either a deadline for the whole body (each read checks
 * the clock, and a watchdog closes the response at the deadline so that a read blocked on a silent
 * server ends too), or, for streams, a limit on how long one read may wait.
 */
final class TimedResponse extends ForwardingResponse {
    private final AtomicBoolean expired = new AtomicBoolean();
    // A deadline (with its clock and alarm), or else an idle limit per read.
    private final Instant deadline;
    private final Clock clock;
    private final ScheduledFuture<?> alarm;
    private final Duration idle;
    private InputStream body;

    private TimedResponse(HttpResponse response, Instant deadline, Clock clock, Duration idle) {
        super(response);
        this.deadline = deadline;
        this.clock = clock;
        this.idle = idle;
        this.alarm = deadline == null ? null : Watchdog.schedule(this::expire, Duration.between(clock.instant(), deadline));
    }

    /** The body must be read whole by {@code deadline}. */
    static HttpResponse withDeadline(HttpResponse response, Instant deadline, Clock clock) {
        return new TimedResponse(response, deadline, clock, null);
    }

    /** No read of the body may wait longer than {@code idle}. */
    static HttpResponse withIdleTimeout(HttpResponse response, Duration idle) {
        return new TimedResponse(response, null, null, idle);
    }

    private void expire() {
        expired.set(true);
        response.close();
    }

    @Override
    public synchronized InputStream body() {
        if (body == null) {
            body = new Body(response.body());
        }
        return body;
    }

    @Override
    public void close() {
        cancelAlarm();
        response.close();
    }

    private void cancelAlarm() {
        if (alarm != null) {
            alarm.cancel(false);
        }
    }

    private SdkTimeoutException timedOut(Throwable cause) {
        String message = deadline != null
                ? "The request timed out while reading the response body"
                : "The server sent nothing for " + idle.toMillis() + " ms";
        return new SdkTimeoutException(message, cause);
    }

    private final class Body extends InputStream {
        private final InputStream in;

        Body(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (expired.get() || (deadline != null && clock.instant().isAfter(deadline))) {
                throw timedOut(null);
            }
            ScheduledFuture<?> readAlarm = idle == null ? null : Watchdog.schedule(TimedResponse.this::expire, idle);
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                if (expired.get()) {
                    throw timedOut(e);
                }
                throw e;
            } finally {
                if (readAlarm != null) {
                    readAlarm.cancel(false);
                }
            }
        }

        @Override
        public void close() throws IOException {
            cancelAlarm();
            in.close();
        }
    }
}
