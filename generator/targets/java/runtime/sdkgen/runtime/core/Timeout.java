package sdkgen.runtime.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an attempt may take. {@code request} bounds one attempt as a whole: connecting,
 * sending, waiting for the status line, following redirects and reading the whole body (for a
 * stream: until the headers are in). {@code connect} bounds opening a connection alone. A call may
 * take up to {@code (maxRetries + 1) * request} plus the waits between attempts.
 */
public final class Timeout {
    /** The default: 10 minutes for an attempt, of which at most 1 minute to connect. */
    public static final Timeout DEFAULT = new Timeout(Duration.ofMinutes(1), Duration.ofMinutes(10));

    private final Duration connect;
    private final Duration request;

    private Timeout(Duration connect, Duration request) {
        this.connect = positive("connect", connect);
        this.request = positive("request", request);
    }

    /** One attempt's deadline, with connecting bounded by the same duration or the default's, if less. */
    public static Timeout of(Duration request) {
        Duration connect = request.compareTo(DEFAULT.connect) < 0 ? request : DEFAULT.connect;
        return new Timeout(connect, request);
    }

    /** Both limits. */
    public static Timeout of(Duration connect, Duration request) {
        return new Timeout(connect, request);
    }

    private static Duration positive(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("The " + name + " timeout must be positive");
        }
        return duration;
    }

    /** The limit on opening a connection. */
    public Duration connect() {
        return connect;
    }

    /** The limit on one attempt as a whole. */
    public Duration request() {
        return request;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Timeout
                && connect.equals(((Timeout) other).connect)
                && request.equals(((Timeout) other).request);
    }

    @Override
    public int hashCode() {
        return Objects.hash(connect, request);
    }

    @Override
    public String toString() {
        return "Timeout{connect=" + connect + ", request=" + request + "}";
    }
}
