package com.openai.errors;

import com.openai.core.Headers;
import com.openai.core.JsonValue;

/** The credentials do not allow this operation (HTTP 403). */
public final class PermissionDeniedException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** An error for a response with this status, headers and body (JSON, or a string if not JSON). */
    public PermissionDeniedException(int statusCode, Headers headers, JsonValue body) {
        super(statusCode, headers, body);
    }
}
