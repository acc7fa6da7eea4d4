package sdkgen.runtime.errors;

/** The base of every exception the SDK throws; unchecked, so callers catch only what they handle. */
public class SdkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public SdkException(String message) {
        super(message);
    }

    /** An exception with a message and the error that caused it. */
    public SdkException(String message, Throwable cause) {
        super(message, cause);
    }
}
