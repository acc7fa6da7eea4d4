package sdkgen.runtime.errors;

/** An attempt ran past its deadline. A kind of connection error, so it is retried like one. */
public class SdkTimeoutException extends SdkIoException {
    private static final long serialVersionUID = 1L;

    /** A timeout with a message. */
    public SdkTimeoutException(String message) {
        super(message);
    }

    /** A timeout with a message and the error the transport reported. */
    public SdkTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
