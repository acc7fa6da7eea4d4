package sdkgen.runtime.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import sdkgen.runtime.core.http.HttpClient;
import sdkgen.runtime.core.http.JdkHttpClient;
import sdkgen.runtime.errors.SdkException;

/**
 * Everything a client needs for its calls: where the API is, the credential and how it is sent,
 * default headers and query parameters, timeouts, retries, size limits, and the transport.
 * Immutable; {@link #toBuilder()} makes a changed copy sharing the transport.
 */
public final class ClientOptions implements AutoCloseable {
    /** Retries after the first attempt, by default. */
    public static final int DEFAULT_MAX_RETRIES = 2;
    /** The most bytes of a response body held whole, by default (64 MiB). */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;
    /** The most bytes of one server-sent event, by default (16 MiB). */
    public static final long DEFAULT_MAX_EVENT_BYTES = 16L * 1024 * 1024;
    /** The idempotency header, by default. */
    public static final String DEFAULT_IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final HttpClient httpClient;
    private final String baseUrl;
    private final String apiKey;
    private final AuthKind authKind;
    private final String authParamName;
    private final Headers headers;
    private final QueryParams queryParams;
    private final Timeout timeout;
    private final int maxRetries;
    private final String idempotencyHeader;
    private final Clock clock;
    private final Sleeper sleeper;
    private final String userAgent;
    private final long maxResponseBytes;
    private final long maxEventBytes;
    private final Set<String> secretHeaders;

    private ClientOptions(Builder builder, HttpClient httpClient, String baseUrl) {
        this.httpClient = httpClient;
        this.baseUrl = baseUrl;
        this.apiKey = builder.apiKey;
        this.authKind = builder.authKind;
        this.authParamName = builder.authParamName;
        this.headers = builder.headers.build();
        this.queryParams = builder.queryParams.build();
        this.timeout = builder.timeout;
        this.maxRetries = builder.maxRetries;
        this.idempotencyHeader = builder.idempotencyHeader;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.userAgent = builder.userAgent;
        this.maxResponseBytes = builder.maxResponseBytes;
        this.maxEventBytes = builder.maxEventBytes;
        this.secretHeaders = Collections.unmodifiableSet(new TreeSet<>(builder.secretHeaders));
    }

    /** A builder with the defaults and no base URL or key. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code builder.fromEnv(apiKeyEnv, baseUrlEnv, defaultBaseUrl)}: fills what the builder does
     * not have yet from the environment, and returns it.
     */
    public static Builder fromEnv(Builder builder, String apiKeyEnv, String baseUrlEnv, String defaultBaseUrl) {
        return builder.fromEnv(apiKeyEnv, baseUrlEnv, defaultBaseUrl);
    }

    /** A builder holding these options (and this transport). */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.httpClient = httpClient;
        builder.baseUrl = baseUrl;
        builder.apiKey = apiKey;
        builder.authKind = authKind;
        builder.authParamName = authParamName;
        builder.headers.putAll(headers);
        builder.queryParams.putAll(queryParams);
        builder.timeout = timeout;
        builder.maxRetries = maxRetries;
        builder.idempotencyHeader = idempotencyHeader;
        builder.clock = clock;
        builder.sleeper = sleeper;
        builder.userAgent = userAgent;
        builder.maxResponseBytes = maxResponseBytes;
        builder.maxEventBytes = maxEventBytes;
        builder.secretHeaders.addAll(secretHeaders);
        return builder;
    }

    /** The transport. */
    public HttpClient httpClient() {
        return httpClient;
    }

    /** The base URL, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The API key (never shown by {@link #toString()}). */
    public Optional<String> apiKey() {
        return Optional.ofNullable(apiKey);
    }

    /** How the key is sent. */
    public AuthKind authKind() {
        return authKind;
    }

    /** The header or query parameter of {@link AuthKind#HEADER} / {@link AuthKind#QUERY} auth. */
    public Optional<String> authParamName() {
        return Optional.ofNullable(authParamName);
    }

    /** Headers sent with every request. */
    public Headers headers() {
        return headers;
    }

    /** Query parameters sent with every request. */
    public QueryParams queryParams() {
        return queryParams;
    }

    /** The limits of each attempt. */
    public Timeout timeout() {
        return timeout;
    }

    /** Retries after the first attempt. */
    public int maxRetries() {
        return maxRetries;
    }

    /** The header carrying a key per call that stays the same on retries; empty: none is sent. */
    public Optional<String> idempotencyHeader() {
        return Optional.ofNullable(idempotencyHeader);
    }

    /** The clock of deadlines and of {@code Retry-After} dates. */
    public Clock clock() {
        return clock;
    }

    /** What waits between retries. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** The {@code User-Agent} (the runtime adds the Java version). */
    public String userAgent() {
        return userAgent;
    }

    /** The most bytes of a response body held whole. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** The most bytes of one server-sent event. */
    public long maxEventBytes() {
        return maxEventBytes;
    }

    /**
     * Header names (lower case) that carry credentials: removed on a redirect to another origin and
     * hidden in logs. Always holds Authorization, Proxy-Authorization and Cookie, and the API-key
     * header of {@link AuthKind#HEADER} auth.
     */
    public Set<String> secretHeaders() {
        Set<String> names = new TreeSet<>(secretHeaders);
        names.add("authorization");
        names.add("proxy-authorization");
        names.add("cookie");
        if (authKind == AuthKind.HEADER && authParamName != null) {
            names.add(authParamName.toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableSet(names);
    }

    /** Query parameter names that carry credentials (the key of {@link AuthKind#QUERY} auth). */
    public Set<String> secretQueryParams() {
        return authKind == AuthKind.QUERY && authParamName != null ? Set.of(authParamName) : Set.of();
    }

    /** Closes the transport. */
    @Override
    public void close() {
        httpClient.close();
    }

    /** The options, with the key hidden. */
    @Override
    public String toString() {
        return "ClientOptions{baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey == null ? "none" : "<redacted>")
                + ", authKind=" + authKind
                + ", headers=" + headers
                + ", queryParams=" + queryParams
                + ", timeout=" + timeout
                + ", maxRetries=" + maxRetries + "}";
    }

    /** A builder of {@link ClientOptions}. */
    public static final class Builder {
        private HttpClient httpClient;
        private String baseUrl;
        private String apiKey;
        private String apiKeyEnv;
        private AuthKind authKind = AuthKind.BEARER;
        private String authParamName;
        private final Headers.Builder headers = Headers.builder();
        private final QueryParams.Builder queryParams = QueryParams.builder();
        private Timeout timeout = Timeout.DEFAULT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private String idempotencyHeader = DEFAULT_IDEMPOTENCY_HEADER;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private String userAgent = "java-sdk";
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private long maxEventBytes = DEFAULT_MAX_EVENT_BYTES;
        private final Set<String> secretHeaders = new TreeSet<>();

        private Builder() {}

        /** The transport (default: a {@link JdkHttpClient} made by {@link #build()}). */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** The absolute http(s) URL that paths are joined to; no query or fragment. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** The API key. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** How the key is sent, and the header or query parameter name for HEADER / QUERY (else null). */
        public Builder auth(AuthKind kind, String paramName) {
            this.authKind = Objects.requireNonNull(kind, "kind");
            if ((kind == AuthKind.HEADER || kind == AuthKind.QUERY) && (paramName == null || paramName.isEmpty())) {
                throw new IllegalArgumentException(kind + " auth needs the name of its parameter");
            }
            this.authParamName = paramName;
            return this;
        }

        /** Adds a header sent with every request. */
        public Builder putHeader(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Adds headers sent with every request. */
        public Builder headers(Headers headers) {
            this.headers.putAll(headers);
            return this;
        }

        /** Removes a header added before. */
        public Builder removeHeader(String name) {
            headers.remove(name);
            return this;
        }

        /** Adds a query parameter sent with every request. */
        public Builder putQueryParam(String name, String value) {
            queryParams.put(name, value);
            return this;
        }

        /** Adds query parameters sent with every request. */
        public Builder queryParams(QueryParams params) {
            queryParams.putAll(params);
            return this;
        }

        /** Each attempt's limit (default 10 minutes). */
        public Builder timeout(Duration timeout) {
            this.timeout = Timeout.of(timeout);
            return this;
        }

        /** Each attempt's limits. */
        public Builder timeout(Timeout timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Retries after the first attempt (default 2). */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = RequestOptions.checkedRetries(maxRetries);
            return this;
        }

        /** The idempotency header's name (default {@code Idempotency-Key}); null sends none. */
        public Builder idempotencyHeader(String idempotencyHeader) {
            this.idempotencyHeader = idempotencyHeader;
            return this;
        }

        /** The clock (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** What waits between retries (tests). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The product part of the {@code User-Agent}, e.g. {@code my-sdk-java/1.2.0}. */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /** The most bytes of a response body held whole (Long.MAX_VALUE: no limit). */
        public Builder maxResponseBytes(long maxResponseBytes) {
            if (maxResponseBytes <= 0) {
                throw new IllegalArgumentException("maxResponseBytes must be positive");
            }
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /** The most bytes of one server-sent event (Long.MAX_VALUE: no limit). */
        public Builder maxEventBytes(long maxEventBytes) {
            if (maxEventBytes <= 0) {
                throw new IllegalArgumentException("maxEventBytes must be positive");
            }
            this.maxEventBytes = maxEventBytes;
            return this;
        }

        /** A header that carries a credential (removed on a redirect to another origin, never logged). */
        public Builder addSecretHeader(String name) {
            secretHeaders.add(name.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Fills what is not set yet from the environment: the API key from {@code apiKeyEnv}, the base
         * URL from {@code baseUrlEnv}, else {@code defaultBaseUrl} (either env name, or the default, may be null).
         */
        public Builder fromEnv(String apiKeyEnv, String baseUrlEnv, String defaultBaseUrl) {
            return fromEnv(System.getenv(), apiKeyEnv, baseUrlEnv, defaultBaseUrl);
        }

        /** {@link #fromEnv(String, String, String)} reading {@code env} instead of the process's environment. */
        public Builder fromEnv(Map<String, String> env, String apiKeyEnv, String baseUrlEnv, String defaultBaseUrl) {
            this.apiKeyEnv = apiKeyEnv;
            if (apiKey == null && apiKeyEnv != null) {
                String value = env.get(apiKeyEnv);
                if (value != null && !value.isEmpty()) {
                    apiKey = value;
                }
            }
            if (baseUrl == null && baseUrlEnv != null) {
                String value = env.get(baseUrlEnv);
                if (value != null && !value.isEmpty()) {
                    baseUrl = value;
                }
            }
            if (baseUrl == null) {
                baseUrl = defaultBaseUrl;
            }
            return this;
        }

        /**
         * The options. Throws {@link SdkException} without a base URL, or without a key (unless the
         * auth kind is NONE), and {@link IllegalArgumentException} for a base URL that is not an
         * absolute http(s) URL without query and fragment (the message does not repeat the URL,
         * which may hold a secret).
         */
        public ClientOptions build() {
            if (baseUrl == null) {
                throw new SdkException("No base URL: call baseUrl(...)");
            }
            if (apiKey == null && authKind != AuthKind.NONE) {
                throw new SdkException(
                        apiKeyEnv == null
                                ? "No API key: call apiKey(...)"
                                : "No API key: set " + apiKeyEnv + " or call apiKey(...)");
            }
            String checked = checkedBaseUrl(baseUrl);
            HttpClient transport = httpClient != null ? httpClient : JdkHttpClient.builder().connectTimeout(timeout.connect()).build();
            return new ClientOptions(this, transport, checked);
        }

        private static String checkedBaseUrl(String baseUrl) {
            URI uri;
            try {
                uri = new URI(baseUrl);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("The base URL is not a valid URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("The base URL must be an absolute http(s) URL");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "The base URL must have no query or fragment: put query parameters in putQueryParam(...)");
            }
            String text = baseUrl;
            while (text.endsWith("/")) {
                text = text.substring(0, text.length() - 1);
            }
            return text;
        }
    }
}
