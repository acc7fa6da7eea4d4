package com.openai.core.http;

/** The HTTP methods an API call can use. */
public enum HttpMethod {
    GET,
    HEAD,
    POST,
    PUT,
    PATCH,
    DELETE,
    OPTIONS;

    /** True for the methods that change nothing, which carry no idempotency key. */
    public boolean isSafe() {
        return this == GET || this == HEAD || this == OPTIONS;
    }
}
