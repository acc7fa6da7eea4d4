package sdkgen.runtime.errors;

import sdkgen.runtime.core.Headers;
import sdkgen.runtime.core.JsonValue;

/** The resource does not exist (HTTP 404). */
public final class NotFoundException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** An error for a response with this status, headers and body (JSON, or a string if not JSON). */
    public NotFoundException(int statusCode, Headers headers, JsonValue body) {
        super(statusCode, headers, body);
    }
}
