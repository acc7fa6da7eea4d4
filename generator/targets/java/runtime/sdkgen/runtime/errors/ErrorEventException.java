package sdkgen.runtime.errors;

import sdkgen.runtime.core.JsonValue;

/**
 * The server reported an error inside an event stream (an {@code error} event, or an event whose
 * data has an {@code error} member), after the response had started with a success status.
 */
public final class ErrorEventException extends SdkException {
    private static final long serialVersionUID = 1L;

    private final transient JsonValue body;

    /** An error event with its message and data. */
    public ErrorEventException(String message, JsonValue body) {
        super(message);
        this.body = body;
    }

    /** The event's data, as JSON. */
    public JsonValue body() {
        return body;
    }
}
