package com.openai.errors;

import com.openai.core.Headers;
import com.openai.core.JsonValue;

/** The credentials are missing or not accepted (HTTP 401). */
public final class UnauthorizedException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** An error for a response with this status, headers and body (JSON, or a string if not JSON). */
    public UnauthorizedException(int statusCode, Headers headers, JsonValue body) {
        super(statusCode, headers, body);
    }
}
