package sdkgen.runtime.core.http;

/** The HTTP methods an API call can use. */
public enum HttpMethod {
    /** Reads a resource. */
    GET,
    /** Reads a resource's headers only. */
    HEAD,
    /** Creates, or runs an action. */
    POST,
    /** Replaces a resource. */
    PUT,
    /** Changes part of a resource. */
    PATCH,
    /** Deletes a resource. */
    DELETE,
    /** Asks what a resource allows. */
    OPTIONS;

    /** True for the methods that change nothing, which carry no idempotency key. */
    public boolean isSafe() {
        return this == GET || this == HEAD || this == OPTIONS;
    }
}
