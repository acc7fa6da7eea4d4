package sdkgen.runtime.errors;

import sdkgen.runtime.core.Headers;
import sdkgen.runtime.core.JsonValue;

/** The server failed (HTTP 500 or above); retried. */
public final class InternalServerException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** An error for a response with this status, headers and body (JSON, or a string if not JSON). */
    public InternalServerException(int statusCode, Headers headers, JsonValue body) {
        super(statusCode, headers, body);
    }
}
