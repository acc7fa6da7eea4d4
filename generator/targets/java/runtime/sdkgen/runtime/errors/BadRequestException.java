package sdkgen.runtime.errors;

import sdkgen.runtime.core.Headers;
import sdkgen.runtime.core.JsonValue;

/** The server found the request malformed (HTTP 400). */
public final class BadRequestException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** An error for a response with this status, headers and body (JSON, or a string if not JSON). */
    public BadRequestException(int statusCode, Headers headers, JsonValue body) {
        super(statusCode, headers, body);
    }
}
