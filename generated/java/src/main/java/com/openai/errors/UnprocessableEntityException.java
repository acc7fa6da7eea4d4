package com.openai.errors;

import com.openai.core.Headers;
import com.openai.core.JsonValue;

/** The request was well formed but its values were refused (HTTP 422). */
public final class UnprocessableEntityException extends ServiceException {
    private static final long serialVersionUID = 1L;

    /** An error for a response with this status, headers and body (JSON, or a string if not JSON). */
    public UnprocessableEntityException(int statusCode, Headers headers, JsonValue body) {
        super(statusCode, headers, body);
    }
}
