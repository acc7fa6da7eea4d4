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
 * A response whose body must be read before the attempt's deadline: each read checks the clock,
 * and a watchdog closes the response at the deadline so that a read blocked on a silent server
 * ends too.
 */
final class DeadlineResponse extends ForwardingResponse {
    private final Instant deadline;
    private final Clock clock;
    private final AtomicBoolean expired = new AtomicBoolean();
    private final ScheduledFuture<?> alarm;
    private InputStream body;

    private DeadlineResponse(HttpResponse response, Instant deadline, Clock clock) {
        super(response);
        this.deadline = deadline;
        this.clock = clock;
        this.alarm = Watchdog.schedule(this::expire, Duration.between(clock.instant(), deadline));
    }

    static HttpResponse of(HttpResponse response, Instant deadline, Clock clock) {
        return new DeadlineResponse(response, deadline, clock);
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
        alarm.cancel(false);
        response.close();
    }

    private SdkTimeoutException timedOut(Throwable cause) {
        return new SdkTimeoutException("The request timed out while reading the response body", cause);
    }

    private void check() {
        if (expired.get() || clock.instant().isAfter(deadline)) {
            throw timedOut(null);
        }
    }

    private final class Body extends InputStream {
        private final InputStream in;

        Body(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            check();
            try {
                return in.read();
            } catch (IOException e) {
                if (expired.get()) {
                    throw timedOut(e);
                }
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check();
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                if (expired.get()) {
                    throw timedOut(e);
                }
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            alarm.cancel(false);
            in.close();
        }
    }
}
