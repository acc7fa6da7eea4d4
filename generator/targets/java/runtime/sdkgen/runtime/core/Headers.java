package sdkgen.runtime.core;

import java.util.Locale;

/**
 * HTTP headers: an immutable, ordered multimap whose names are compared without case (the first
 * spelling of a name is kept). Its {@code toString()} hides the values of credential headers.
 */
public final class Headers extends NameValueMap {
    private static final Headers EMPTY = new Headers(new NameValues(true));

    private Headers(NameValues values) {
        super(values);
    }

    /** No headers. */
    public static Headers empty() {
        return EMPTY;
    }

    /** A builder with no headers. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these headers. */
    public Builder toBuilder() {
        return new Builder().putAll(this);
    }

    /**
     * True for a header that carries a credential: Authorization, Proxy-Authorization, Cookie,
     * Set-Cookie, or a name with "key", "token", "secret" or "password" in it.
     */
    public static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("authorization")
                || lower.equals("proxy-authorization")
                || lower.equals("cookie")
                || lower.equals("set-cookie")
                || lower.contains("key")
                || lower.contains("token")
                || lower.contains("secret")
                || lower.contains("password");
    }

    /** A mutable builder of {@link Headers}. */
    public static final class Builder extends NameValueMap.Builder<Builder, Headers> {
        private Builder() {
            super(true);
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        Headers build(NameValues copy) {
            return new Headers(copy);
        }
    }
}
