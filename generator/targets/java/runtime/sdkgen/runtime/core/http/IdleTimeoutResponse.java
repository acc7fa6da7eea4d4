package sdkgen.runtime.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import sdkgen.runtime.errors.SdkTimeoutException;

/**
 * A streamed response whose server may not fall silent for longer than {@code idle} between two
 * reads: a stream has no deadline as a whole, but a dead connection must not block forever.
 */
final class IdleTimeoutResponse extends ForwardingResponse {
    private final Duration idle;
    private final AtomicBoolean expired = new AtomicBoolean();
    private InputStream body;

    private IdleTimeoutResponse(HttpResponse response, Duration idle) {
        super(response);
        this.idle = idle;
    }

    static HttpResponse of(HttpResponse response, Duration idle) {
        return new IdleTimeoutResponse(response, idle);
    }

    @Override
    public synchronized InputStream body() {
        if (body == null) {
            body = new Body(response.body());
        }
        return body;
    }

    private void expire() {
        expired.set(true);
        response.close();
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
            ScheduledFuture<?> alarm = Watchdog.schedule(IdleTimeoutResponse.this::expire, idle);
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                if (expired.get()) {
                    throw new SdkTimeoutException("The server sent nothing for " + idle.toMillis() + " ms", e);
                }
                throw e;
            } finally {
                alarm.cancel(false);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
