package sdkgen.runtime.errors;

/**
 * A redirect the client will not follow: too many of them (a loop), or a {@code Location} that is
 * not an http(s) URL. Never retried: the next attempt would meet the same answer.
 */
public class RedirectException extends SdkIoException {
    private static final long serialVersionUID = 1L;

    /** A refused redirect, with the reason. */
    public RedirectException(String message) {
        super(message);
    }
}
