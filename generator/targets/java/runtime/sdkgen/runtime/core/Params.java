package sdkgen.runtime.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The base of every generated params class: what a call sends beyond the spec's parameters
 * (extra headers, query parameters and body properties, merged over the declared ones).
 */
public abstract class Params {
    private final Headers additionalHeaders;
    private final QueryParams additionalQueryParams;
    private final Map<String, JsonValue> additionalBodyProperties;

    /** Params holding what {@code builder} collected. */
    protected Params(Builder<?> builder) {
        this.additionalHeaders = builder.headers.build();
        this.additionalQueryParams = builder.query.build();
        this.additionalBodyProperties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.body));
    }

    /** Headers sent over the declared ones. */
    public Headers _additionalHeaders() {
        return additionalHeaders;
    }

    /** Query parameters sent over the declared ones. */
    public QueryParams _additionalQueryParams() {
        return additionalQueryParams;
    }

    /** Body properties sent over the declared ones (JSON bodies only). */
    public Map<String, JsonValue> _additionalBodyProperties() {
        return additionalBodyProperties;
    }

    /**
     * The base of a params builder.
     *
     * @param <B> the concrete builder, returned by every setter
     */
    public abstract static class Builder<B extends Builder<B>> {
        private final Headers.Builder headers = Headers.builder();
        private final QueryParams.Builder query = QueryParams.builder();
        private final Map<String, JsonValue> body = new LinkedHashMap<>();

        /** An empty builder. */
        protected Builder() {}

        /** The builder itself, typed as the subclass. */
        @SuppressWarnings("unchecked")
        protected B self() {
            return (B) this;
        }

        /** Starts from the extras of {@code params} (for {@code toBuilder()}). */
        protected B from(Params params) {
            headers.clear().putAll(params._additionalHeaders());
            query.clear().putAll(params._additionalQueryParams());
            body.clear();
            body.putAll(params._additionalBodyProperties());
            return self();
        }

        /** Replaces the extra headers with these. */
        public B additionalHeaders(Headers additionalHeaders) {
            headers.clear().putAll(additionalHeaders);
            return self();
        }

        /** Adds an extra header value. */
        public B putAdditionalHeader(String name, String value) {
            headers.put(name, value);
            return self();
        }

        /** Sets an extra header to one value, replacing what it had. */
        public B replaceAdditionalHeader(String name, String value) {
            headers.replace(name, value);
            return self();
        }

        /** Removes an extra header. */
        public B removeAdditionalHeader(String name) {
            headers.remove(name);
            return self();
        }

        /** Replaces the extra query parameters with these. */
        public B additionalQueryParams(QueryParams additionalQueryParams) {
            query.clear().putAll(additionalQueryParams);
            return self();
        }

        /** Adds an extra query parameter value. */
        public B putAdditionalQueryParam(String name, String value) {
            query.put(name, value);
            return self();
        }

        /** Removes an extra query parameter. */
        public B removeAdditionalQueryParam(String name) {
            query.remove(name);
            return self();
        }

        /** Replaces the extra body properties with these. */
        public B additionalBodyProperties(Map<String, JsonValue> additionalBodyProperties) {
            body.clear();
            body.putAll(additionalBodyProperties);
            return self();
        }

        /** Sets an extra body property. */
        public B putAdditionalBodyProperty(String name, JsonValue value) {
            body.put(name, value);
            return self();
        }

        /** Removes an extra body property. */
        public B removeAdditionalBodyProperty(String name) {
            body.remove(name);
            return self();
        }

        /** The extra headers so far. */
        protected Headers _additionalHeaders() {
            return headers.build();
        }

        /** The extra query parameters so far. */
        protected QueryParams _additionalQueryParams() {
            return query.build();
        }

        /** The extra body properties so far (unmodifiable). */
        protected Map<String, JsonValue> _additionalBodyProperties() {
            return Collections.unmodifiableMap(body);
        }
    }
}
