package sdkgen.runtime.errors;

import sdkgen.runtime.core.Headers;
import sdkgen.runtime.core.JsonValue;

/** The request was well formed but its values were refused (HTTP 422). */
public final class UnprocessableEntityException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** An error for a response with this status, headers and body (JSON, or a string if not JSON). */
    public UnprocessableEntityException(int statusCode, Headers headers, JsonValue body) {
        super(statusCode, headers, body);
    }
}
