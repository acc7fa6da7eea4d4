package sdkgen.runtime.errors;

/**
 * The server's data is not what the spec promised: a required field missing or of another type
 * (raised when the field is read, not when the response is parsed), a body that is not JSON, or a
 * body over the size limit.
 */
public class InvalidDataException extends SdkException {
    private static final long serialVersionUID = 1L;

    /** An invalid-data error with a message. */
    public InvalidDataException(String message) {
        super(message);
    }

    /** An invalid-data error with a message and the parser's error. */
    public InvalidDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
