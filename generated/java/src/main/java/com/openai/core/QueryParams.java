package com.openai.core;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Query parameters: an immutable, ordered multimap (names compared exactly). */
public final class QueryParams {
    private static final QueryParams EMPTY = new QueryParams(new NameValues(false));
    private final NameValues values;

    private QueryParams(NameValues values) {
        this.values = values;
    }

    /** No parameters. */
    public static QueryParams empty() {
        return EMPTY;
    }

    /** A builder with no parameters. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these parameters. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.values.putAll(values);
        return builder;
    }

    /** The names, each once, in order. */
    public Set<String> names() {
        return values.names();
    }

    /** Every value of {@code name}, in order; empty if none. */
    public List<String> values(String name) {
        return values.values(name);
    }

    /** The first value of {@code name}. */
    public Optional<String> first(String name) {
        List<String> all = values.values(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** The number of name-value pairs. */
    public int size() {
        return values.size();
    }

    /** True when there are no parameters. */
    public boolean isEmpty() {
        return values.size() == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QueryParams && values.equals(((QueryParams) other).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** {@code QueryParams{name=[values]}}; values of secret-looking names are hidden. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("QueryParams{");
        String separator = "";
        for (String name : names()) {
            text.append(separator).append(name).append('=');
            text.append(Headers.isSecret(name) ? "<redacted>" : values(name).toString());
            separator = ", ";
        }
        return text.append('}').toString();
    }

    /** A mutable builder of {@link QueryParams}. */
    public static final class Builder {
        private final NameValues values = new NameValues(false);

        private Builder() {}

        /** Adds a value to {@code name} ({@code a=1&a=2}). */
        public Builder put(String name, String value) {
            values.put(name, value);
            return this;
        }

        /** Adds every parameter of {@code params}. */
        public Builder putAll(QueryParams params) {
            values.putAll(params.values);
            return this;
        }

        /** Sets {@code name} to this one value. */
        public Builder replace(String name, String value) {
            values.replace(name, value);
            return this;
        }

        /** Sets each name in {@code params} to its values there. */
        public Builder replaceAll(QueryParams params) {
            values.replaceAll(params.values);
            return this;
        }

        /** Removes every value of {@code name}. */
        public Builder remove(String name) {
            values.remove(name);
            return this;
        }

        /** Removes every parameter. */
        public Builder clear() {
            values.clear();
            return this;
        }

        /** The parameters (a copy: the builder can go on). */
        public QueryParams build() {
            return new QueryParams(values.copy());
        }
    }
}
