package sdkgen.runtime.core;

/** Checks that generated builders make before building. */
public final class Check {
    private Check() {}

    /** {@code value}, or {@link IllegalStateException} naming {@code wireName} when it is null. */
    public static <T> T required(String wireName, T value) {
        if (value == null) {
            throw new IllegalStateException("`" + wireName + "` is required, but was not set");
        }
        return value;
    }
}
