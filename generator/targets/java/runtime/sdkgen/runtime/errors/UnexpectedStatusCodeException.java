package sdkgen.runtime.errors;

import sdkgen.runtime.core.Headers;
import sdkgen.runtime.core.JsonValue;

/** An error status with no class of its own (HTTP 409, 418, 3xx not followed...). */
public final class UnexpectedStatusCodeException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** An error for a response with this status, headers and body (JSON, or a string if not JSON). */
    public UnexpectedStatusCodeException(int statusCode, Headers headers, JsonValue body) {
        super(statusCode, headers, body);
    }
}
