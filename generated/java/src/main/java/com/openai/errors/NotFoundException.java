package com.openai.errors;

import com.openai.core.Headers;
import com.openai.core.JsonValue;

/** The resource does not exist (HTTP 404). */
public final class NotFoundException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** An error for a response with this status, headers and body (JSON, or a string if not JSON). */
    public NotFoundException(int statusCode, Headers headers, JsonValue body) {
        super(statusCode, headers, body);
    }
}
