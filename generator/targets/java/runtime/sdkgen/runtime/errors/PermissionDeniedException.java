package sdkgen.runtime.errors;

import sdkgen.runtime.core.Headers;
import sdkgen.runtime.core.JsonValue;

/** The credentials do not allow this operation (HTTP 403). */
public final class PermissionDeniedException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** An error for a response with this status, headers and body (JSON, or a string if not JSON). */
    public PermissionDeniedException(int statusCode, Headers headers, JsonValue body) {
        super(statusCode, headers, body);
    }
}
