package sdkgen.runtime.errors;

/** The server could not be reached, or the connection broke before a whole answer arrived. Retried. */
public class SdkIoException extends SdkException {
    private static final long serialVersionUID = 1L;

    /** A connection error with a message. */
    public SdkIoException(String message) {
        super(message);
    }

    /** A connection error with a message and the I/O error behind it. */
    public SdkIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
