package sdkgen.runtime.core;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link Headers} and {@link QueryParams} share: an immutable, ordered multimap, and a
 * builder of one. Its {@code toString()} hides the values of names that look like credentials.
 */
abstract class NameValueMap {
    final NameValues values;

    NameValueMap(NameValues values) {
        this.values = values;
    }

    /** The names, each once, as first spelled, in order. */
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

    /** True if {@code name} has a value. */
    public boolean contains(String name) {
        return !values.values(name).isEmpty();
    }

    /** The number of name-value pairs. */
    public int size() {
        return values.size();
    }

    /** True when there are none. */
    public boolean isEmpty() {
        return values.size() == 0;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && values.equals(((NameValueMap) other).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** {@code Headers{Name=[value], Authorization=<redacted>}}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(getClass().getSimpleName()).append('{');
        String separator = "";
        for (String name : names()) {
            text.append(separator).append(name).append('=');
            text.append(Headers.isSecret(name) ? "<redacted>" : values(name).toString());
            separator = ", ";
        }
        return text.append('}').toString();
    }

    /**
     * A mutable builder.
     *
     * @param <B> the builder, returned by each method
     * @param <M> the map it builds
     */
    abstract static class Builder<B extends Builder<B, M>, M extends NameValueMap> {
        final NameValues values;

        Builder(boolean ignoreCase) {
            this.values = new NameValues(ignoreCase);
        }

        abstract B self();

        abstract M build(NameValues copy);

        /** Adds a value to {@code name} (its other values stay). */
        public B put(String name, String value) {
            values.put(name, value);
            return self();
        }

        /** Adds every name-value pair of {@code other}. */
        public B putAll(M other) {
            values.putAll(other.values);
            return self();
        }

        /** Sets {@code name} to this one value. */
        public B replace(String name, String value) {
            values.replace(name, value);
            return self();
        }

        /** Sets each name in {@code other} to its values there, removing what it had. */
        public B replaceAll(M other) {
            values.replaceAll(other.values);
            return self();
        }

        /** Removes every value of {@code name}. */
        public B remove(String name) {
            values.remove(name);
            return self();
        }

        /** Removes everything. */
        public B clear() {
            values.clear();
            return self();
        }

        /** The map (a copy: the builder can go on). */
        public M build() {
            return build(values.copy());
        }
    }
}
