package sdkgen.runtime.core;

import java.time.Duration;
import java.util.Optional;

/** Per-call overrides of the client's options; what is not set is the client's. */
public final class RequestOptions {
    private static final RequestOptions NONE = new Builder().build();

    private final Timeout timeout;
    private final Integer maxRetries;

    private RequestOptions(Builder builder) {
        this.timeout = builder.timeout;
        this.maxRetries = builder.maxRetries;
    }

    /** No overrides. */
    public static RequestOptions none() {
        return NONE;
    }

    /** A builder with no overrides. */
    public static Builder builder() {
        return new Builder();
    }

    /** The timeout of each attempt of this call, if overridden. */
    public Optional<Timeout> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** The number of retries of this call, if overridden. */
    public Optional<Integer> maxRetries() {
        return Optional.ofNullable(maxRetries);
    }

    static int checkedRetries(int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        return maxRetries;
    }

    @Override
    public String toString() {
        return "RequestOptions{timeout=" + timeout + ", maxRetries=" + maxRetries + "}";
    }

    /** A builder of {@link RequestOptions}. */
    public static final class Builder {
        private Timeout timeout;
        private Integer maxRetries;

        private Builder() {}

        /** Each attempt of this call may take this long (see {@link Timeout}). */
        public Builder timeout(Duration timeout) {
            this.timeout = Timeout.of(timeout);
            return this;
        }

        /** Each attempt of this call has these limits. */
        public Builder timeout(Timeout timeout) {
            this.timeout = timeout;
            return this;
        }

        /** How many times this call is retried (0: never). */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = checkedRetries(maxRetries);
            return this;
        }

        /** The options. */
        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
