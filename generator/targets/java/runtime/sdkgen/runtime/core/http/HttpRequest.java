package sdkgen.runtime.core.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import sdkgen.runtime.core.Headers;
import sdkgen.runtime.core.Params;
import sdkgen.runtime.core.QueryParams;

/**
 * One HTTP request, immutable. The URL is a base URL (the client's, unless set) joined with
 * percent-encoded path segments and the query parameters. {@code toString()} hides credentials.
 */
public final class HttpRequest {
    private final HttpMethod method;
    private final String baseUrl;
    private final List<String> encodedSegments;
    private final QueryParams queryParams;
    private final Headers headers;
    private final HttpRequestBody body;

    private HttpRequest(Builder builder) {
        this.method = Objects.requireNonNull(builder.method, "method");
        this.baseUrl = builder.baseUrl;
        this.encodedSegments = Collections.unmodifiableList(new ArrayList<>(builder.encodedSegments));
        this.queryParams = builder.queryParams.build();
        this.headers = builder.headers.build();
        this.body = builder.body;
    }

    /** A builder of a GET with no path. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.method = method;
        builder.baseUrl = baseUrl;
        builder.encodedSegments.addAll(encodedSegments);
        builder.queryParams.putAll(queryParams);
        builder.headers.putAll(headers);
        builder.body = body;
        return builder;
    }

    /** The method. */
    public HttpMethod method() {
        return method;
    }

    /** The base URL, if set (the client sets its own before sending). */
    public Optional<String> baseUrl() {
        return Optional.ofNullable(baseUrl);
    }

    /** The path segments, percent-encoded. */
    public List<String> encodedPathSegments() {
        return encodedSegments;
    }

    /** The query parameters. */
    public QueryParams queryParams() {
        return queryParams;
    }

    /** The headers. */
    public Headers headers() {
        return headers;
    }

    /** The body, if any. */
    public Optional<HttpRequestBody> body() {
        return Optional.ofNullable(body);
    }

    /** The full URL; {@link IllegalStateException} when no base URL is set. */
    public URI uri() {
        if (baseUrl == null) {
            throw new IllegalStateException("The request has no base URL");
        }
        return URI.create(url(Set.of()));
    }

    // The URL text; the values of `hidden` query parameters are written as <redacted>.
    private String url(Set<String> hidden) {
        QueryParams query = queryParams;
        StringBuilder url = new StringBuilder(baseUrl);
        for (String segment : encodedSegments) {
            url.append('/').append(segment);
        }
        String separator = "?";
        for (String name : query.names()) {
            for (String value : query.values(name)) {
                url.append(separator).append(PercentEncoding.queryComponent(name));
                url.append('=').append(hidden.contains(name) ? "<redacted>" : PercentEncoding.queryComponent(value));
                separator = "&";
            }
        }
        return url.toString();
    }

    /**
     * The URL with the values of {@code secretQuery} parameters and of any user info replaced by
     * {@code <redacted>}, for logs and messages.
     */
    public String redactedUrl(Set<String> secretQuery) {
        if (baseUrl == null) {
            return "(no base URL)/" + String.join("/", encodedSegments);
        }
        Set<String> hidden = new HashSet<>(secretQuery);
        for (String name : queryParams.names()) {
            if (Headers.isSecret(name)) {
                hidden.add(name);
            }
        }
        String url = url(hidden);
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        int slash = url.indexOf('/', scheme + 3);
        if (scheme >= 0 && at > scheme && (slash < 0 || at < slash)) {
            url = url.substring(0, scheme + 3) + "<redacted>" + url.substring(at);
        }
        return url;
    }

    /** {@code GET https://host/path?query Headers{...}}, credentials hidden. */
    @Override
    public String toString() {
        return method + " " + redactedUrl(Set.of()) + " " + headers + (body == null ? "" : " " + body);
    }

    /** A mutable builder of {@link HttpRequest}. */
    public static final class Builder {
        private HttpMethod method = HttpMethod.GET;
        private String baseUrl;
        private final List<String> encodedSegments = new ArrayList<>();
        private final QueryParams.Builder queryParams = QueryParams.builder();
        private final Headers.Builder headers = Headers.builder();
        private HttpRequestBody body;

        private Builder() {}

        /** The method (default GET). */
        public Builder method(HttpMethod method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** The base URL (without a trailing slash); the client's when not set. */
        public Builder baseUrl(String baseUrl) {
            String url = Objects.requireNonNull(baseUrl, "baseUrl");
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            this.baseUrl = url;
            return this;
        }

        /**
         * Sets the whole URL: base, path and query (a redirect's {@code Location}, say). The path is
         * kept as encoded in {@code uri}; the query replaces every query parameter.
         */
        public Builder url(URI uri) {
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                throw new IllegalArgumentException("The URL is not absolute");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            this.baseUrl = uri.getScheme() + "://" + uri.getRawAuthority();
            encodedSegments.clear();
            if (!path.isEmpty() && !path.equals("/")) {
                for (String segment : path.substring(path.startsWith("/") ? 1 : 0).split("/", -1)) {
                    encodedSegments.add(segment);
                }
            } else if (path.equals("/")) {
                encodedSegments.add("");
            }
            queryParams.clear();
            String query = uri.getRawQuery();
            if (query != null && !query.isEmpty()) {
                for (String pair : query.split("&")) {
                    int equals = pair.indexOf('=');
                    String name = equals < 0 ? pair : pair.substring(0, equals);
                    String value = equals < 0 ? "" : pair.substring(equals + 1);
                    queryParams.put(decode(name), decode(value));
                }
            }
            return this;
        }

        private static String decode(String component) {
            return URLDecoder.decode(component, StandardCharsets.UTF_8);
        }

        /** Appends a literal path segment of the spec's path template (percent-encoded). */
        public Builder addPathSegment(String segment) {
            encodedSegments.add(PercentEncoding.pathSegment(segment));
            return this;
        }

        /**
         * Appends a path parameter's value as one percent-encoded segment ({@code /}, {@code ?},
         * {@code #} and {@code %} included). An empty value, {@code .} or {@code ..} throws
         * {@link IllegalArgumentException} naming the parameter: URL normalisation would drop the
         * segment and the request would reach another resource.
         */
        public Builder addPathParam(String name, String value) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("Expected a non-empty value for `" + name + "`");
            }
            if (value.equals(".") || value.equals("..")) {
                throw new IllegalArgumentException(
                        "`" + name + "` must not be `" + value + "`: it would change the path of the request");
            }
            encodedSegments.add(PercentEncoding.pathSegment(value));
            return this;
        }

        /** Adds a query parameter value. */
        public Builder putQueryParam(String name, String value) {
            queryParams.put(name, value);
            return this;
        }

        /** Adds every query parameter of {@code params}. */
        public Builder putAllQueryParams(QueryParams params) {
            queryParams.putAll(params);
            return this;
        }

        /** Sets a query parameter to one value. */
        public Builder replaceQueryParam(String name, String value) {
            queryParams.replace(name, value);
            return this;
        }

        /** Sets each parameter of {@code params} to its values there. */
        public Builder replaceAllQueryParams(QueryParams params) {
            queryParams.replaceAll(params);
            return this;
        }

        /** Removes every query parameter. */
        public Builder clearQueryParams() {
            queryParams.clear();
            return this;
        }

        /** Removes a query parameter. */
        public Builder removeQueryParam(String name) {
            queryParams.remove(name);
            return this;
        }

        /** Adds a header value. */
        public Builder putHeader(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Adds every header of {@code headers}. */
        public Builder putAllHeaders(Headers headers) {
            this.headers.putAll(headers);
            return this;
        }

        /** Sets a header to one value. */
        public Builder replaceHeader(String name, String value) {
            headers.replace(name, value);
            return this;
        }

        /** Sets each header of {@code headers} to its values there. */
        public Builder replaceAllHeaders(Headers headers) {
            this.headers.replaceAll(headers);
            return this;
        }

        /** Removes a header. */
        public Builder removeHeader(String name) {
            headers.remove(name);
            return this;
        }

        /**
         * Applies a call's extras: each of {@code params}' additional headers and query parameters
         * replaces the declared ones of that name (set the declared ones first). Additional body
         * properties go in the body: {@link HttpRequestBody#json(Map, Map)}.
         */
        public Builder additionalParams(Params params) {
            headers.replaceAll(params._additionalHeaders());
            queryParams.replaceAll(params._additionalQueryParams());
            return this;
        }

        /** The body (null: none). */
        public Builder body(HttpRequestBody body) {
            this.body = body;
            return this;
        }

        /** The request. */
        public HttpRequest build() {
            return new HttpRequest(this);
        }
    }
}
