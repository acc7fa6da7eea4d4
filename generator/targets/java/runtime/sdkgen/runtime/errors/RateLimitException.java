package sdkgen.runtime.errors;

import sdkgen.runtime.core.Headers;
import sdkgen.runtime.core.JsonValue;

/** Too many requests (HTTP 429); retried after the wait the server asks for. */
public final class RateLimitException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** An error for a response with this status, headers and body (JSON, or a string if not JSON). */
    public RateLimitException(int statusCode, Headers headers, JsonValue body) {
        super(statusCode, headers, body);
    }
}
