package com.openai.core;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP headers: an immutable, ordered multimap whose names are compared without case. Its
 * {@code toString()} hides the values of credential headers.
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(new NameValues(true));
    private final NameValues values;

    private Headers(NameValues values) {
        this.values = values;
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
        Builder builder = new Builder();
        builder.values.putAll(values);
        return builder;
    }

    /** The names, each once, as first spelled, in order. */
    public Set<String> names() {
        return values.names();
    }

    /** Every value of {@code name} (any case), in order; empty if none. */
    public List<String> values(String name) {
        return values.values(name);
    }

    /** The first value of {@code name} (any case). */
    public Optional<String> first(String name) {
        List<String> all = values.values(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** True if {@code name} (any case) has a value. */
    public boolean contains(String name) {
        return !values.values(name).isEmpty();
    }

    /** The number of name-value pairs. */
    public int size() {
        return values.size();
    }

    /** True when there are no headers. */
    public boolean isEmpty() {
        return values.size() == 0;
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

    @Override
    public boolean equals(Object other) {
        return other instanceof Headers && values.equals(((Headers) other).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** {@code Headers{Name=[value], Authorization=<redacted>}}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Headers{");
        String separator = "";
        for (String name : names()) {
            text.append(separator).append(name).append('=');
            text.append(isSecret(name) ? "<redacted>" : values(name).toString());
            separator = ", ";
        }
        return text.append('}').toString();
    }

    /** A mutable builder of {@link Headers}. */
    public static final class Builder {
        private final NameValues values = new NameValues(true);

        private Builder() {}

        /** Adds a value to {@code name} (other values stay). */
        public Builder put(String name, String value) {
            values.put(name, value);
            return this;
        }

        /** Adds every header of {@code headers}. */
        public Builder putAll(Headers headers) {
            values.putAll(headers.values);
            return this;
        }

        /** Sets {@code name} to this one value. */
        public Builder replace(String name, String value) {
            values.replace(name, value);
            return this;
        }

        /** Sets each name in {@code headers} to its values there, removing what it had. */
        public Builder replaceAll(Headers headers) {
            values.replaceAll(headers.values);
            return this;
        }

        /** Removes every value of {@code name}. */
        public Builder remove(String name) {
            values.remove(name);
            return this;
        }

        /** Removes every header. */
        public Builder clear() {
            values.clear();
            return this;
        }

        /** The headers (a copy: the builder can go on). */
        public Headers build() {
            return new Headers(values.copy());
        }
    }
}
