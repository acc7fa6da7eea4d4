package sdkgen.runtime.errors;

import sdkgen.runtime.core.Headers;
import sdkgen.runtime.core.JsonValue;

/** The credentials are missing or not accepted (HTTP 401). */
public final class UnauthorizedException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** An error for a response with this status, headers and body (JSON, or a string if not JSON). */
    public UnauthorizedException(int statusCode, Headers headers, JsonValue body) {
        super(statusCode, headers, body);
    }
}
