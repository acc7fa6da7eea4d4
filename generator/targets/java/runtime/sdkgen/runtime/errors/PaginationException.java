package sdkgen.runtime.errors;

/**
 * A list that would never end, or would end too early without a word: the server says there is
 * another page but gives no cursor, or a cursor already used, or the page limit is reached.
 */
public class PaginationException extends SdkException {
    private static final long serialVersionUID = 1L;

    /** A pagination error with a message. */
    public PaginationException(String message) {
        super(message);
    }
}
