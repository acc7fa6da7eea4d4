package sdkgen.runtime.core.http;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import sdkgen.runtime.core.AuthKind;
import sdkgen.runtime.core.ClientOptions;
import sdkgen.runtime.core.Headers;
import sdkgen.runtime.core.QueryParams;
import sdkgen.runtime.core.RequestOptions;
import sdkgen.runtime.core.Sleeper;
import sdkgen.runtime.core.Timeout;
import sdkgen.runtime.errors.InvalidDataException;
import sdkgen.runtime.errors.RedirectException;
import sdkgen.runtime.errors.SdkIoException;
import sdkgen.runtime.errors.SdkTimeoutException;

/**
 * Sends a call's request the way every call is sent: with the client's base URL, headers, query
 * parameters and credential; an idempotency key for methods that change things (the same on each
 * retry); redirects followed here (never by the transport); retries of connection errors,
 * timeouts, 408, 409, 429 and 5xx (or as {@code x-should-retry} says) after backoff; and one
 * deadline per attempt ({@link Timeout#request()}), redirects and the body's reading included.
 */
public final class RetryingHttpClient {
    /** Redirects followed in one attempt; one more is a {@link RedirectException}. */
    public static final int MAX_REDIRECTS = 10;
    /** The longest wait a {@code Retry-After} can ask for; a longer one gets the usual backoff. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    /** The header telling the server which retry this is. */
    public static final String RETRY_COUNT_HEADER = "X-Retry-Count";

    private static final System.Logger LOG = System.getLogger(RetryingHttpClient.class.getPackageName());

    private final ClientOptions options;

    private RetryingHttpClient(ClientOptions options) {
        this.options = options;
    }

    /** The sender of calls of a client with these options. */
    public static RetryingHttpClient of(ClientOptions options) {
        return new RetryingHttpClient(options);
    }

    /**
     * Sends {@code request} with retries and redirects and returns the last response. Unless
     * {@code streaming}, its body has been read whole within the attempt's deadline (at most
     * {@link ClientOptions#maxResponseBytes()}: more is an {@link InvalidDataException}, not
     * retried); a streaming response's body is unread and the deadline ended with its headers, but
     * a read that waits longer than {@link Timeout#request()} throws {@link SdkTimeoutException}.
     */
    public HttpResponse execute(HttpRequest request, RequestOptions requestOptions, boolean streaming) {
        HttpRequest prepared = prepare(request);
        Timeout timeout = requestOptions.timeout().orElse(options.timeout());
        int maxRetries = requestOptions.maxRetries().orElse(options.maxRetries());
        for (int retries = 0; ; retries++) {
            HttpRequest attempt = withRetryCount(prepared, retries);
            Instant deadline = options.clock().instant().plus(timeout.request());
            boolean canRetry = retries < maxRetries;
            Optional<Duration> delay;
            try {
                HttpResponse response = followRedirects(attempt, deadline);
                response = streaming ? TimedResponse.withIdleTimeout(response, timeout.request()) : buffer(response, deadline);
                delay = delayAfter(attempt, response, retries, canRetry);
                if (delay.isEmpty()) {
                    return response;
                }
            } catch (SdkIoException e) {
                delay = delayAfter(attempt, e, retries, canRetry);
                if (delay.isEmpty()) {
                    throw e;
                }
            }
            sleep(delay.get());
        }
    }

    /** {@link #execute} without blocking the caller's thread (waits use {@link Sleeper#sleepAsync}). */
    public CompletableFuture<HttpResponse> executeAsync(
            HttpRequest request, RequestOptions requestOptions, boolean streaming) {
        HttpRequest prepared;
        try {
            prepared = prepare(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Timeout timeout = requestOptions.timeout().orElse(options.timeout());
        int maxRetries = requestOptions.maxRetries().orElse(options.maxRetries());
        return attemptAsync(prepared, 0, maxRetries, timeout, streaming);
    }

    private CompletableFuture<HttpResponse> attemptAsync(
            HttpRequest prepared, int retries, int maxRetries, Timeout timeout, boolean streaming) {
        HttpRequest attempt = withRetryCount(prepared, retries);
        Instant deadline = options.clock().instant().plus(timeout.request());
        boolean canRetry = retries < maxRetries;
        return followRedirectsAsync(attempt, deadline, 0)
                .thenApplyAsync(response -> streaming
                        ? TimedResponse.withIdleTimeout(response, timeout.request())
                        : buffer(response, deadline))
                .handle((response, error) -> {
                    Throwable cause = error == null ? null : unwrap(error);
                    Optional<Duration> delay = cause == null
                            ? delayAfter(attempt, response, retries, canRetry)
                            : delayAfter(attempt, cause, retries, canRetry);
                    if (delay.isEmpty()) {
                        return cause == null
                                ? CompletableFuture.completedFuture(response)
                                : CompletableFuture.<HttpResponse>failedFuture(cause);
                    }
                    return options.sleeper()
                            .sleepAsync(delay.get())
                            .thenCompose(ignored -> attemptAsync(prepared, retries + 1, maxRetries, timeout, streaming));
                })
                .thenCompose(future -> future);
    }

    // The wait before retrying after this response (which is then closed), or empty: it is the answer.
    private Optional<Duration> delayAfter(HttpRequest attempt, HttpResponse response, int retries, boolean canRetry) {
        if (!(canRetry && shouldRetry(response))) {
            return Optional.empty();
        }
        Duration delay = retryDelay(retries, response.headers(), options.clock(), random());
        response.close();
        log(attempt, "status " + response.statusCode(), delay);
        return Optional.of(delay);
    }

    // The wait before retrying after this error, or empty: it is thrown. Only connection errors and
    // timeouts are retried; a refused redirect would be refused again.
    private Optional<Duration> delayAfter(HttpRequest attempt, Throwable error, int retries, boolean canRetry) {
        if (!canRetry || error instanceof RedirectException || !(error instanceof SdkIoException)) {
            return Optional.empty();
        }
        Duration delay = retryDelay(retries, Headers.empty(), options.clock(), random());
        log(attempt, error.getClass().getSimpleName(), delay);
        return Optional.of(delay);
    }

    // Inside the attempt, so that a connection lost while reading is retried like any other.
    private HttpResponse buffer(HttpResponse response, Instant deadline) {
        return BufferedHttpResponse.read(TimedResponse.withDeadline(response, deadline, options.clock()), options.maxResponseBytes());
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private HttpResponse followRedirects(HttpRequest request, Instant deadline) {
        HttpRequest current = request;
        for (int redirects = 0; ; redirects++) {
            logRequest(current);
            HttpResponse response = options.httpClient().execute(current, remaining(deadline));
            Optional<HttpRequest> next = nextRequest(current, response, redirects);
            if (next.isEmpty()) {
                return response;
            }
            response.close();
            current = next.get();
        }
    }

    private CompletableFuture<HttpResponse> followRedirectsAsync(HttpRequest request, Instant deadline, int redirects) {
        CompletableFuture<HttpResponse> sent;
        try {
            logRequest(request);
            sent = options.httpClient().executeAsync(request, remaining(deadline));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sent.thenCompose(response -> {
            Optional<HttpRequest> next = nextRequest(request, response, redirects);
            if (next.isEmpty()) {
                return CompletableFuture.completedFuture(response);
            }
            response.close();
            return followRedirectsAsync(next.get(), deadline, redirects + 1);
        });
    }

    private Optional<HttpRequest> nextRequest(HttpRequest current, HttpResponse response, int redirects) {
        Optional<HttpRequest> next;
        try {
            next = Redirects.next(current, response, options.secretHeaders(), options.secretQueryParams());
            if (next.isPresent() && redirects >= MAX_REDIRECTS) {
                throw new RedirectException("More than " + MAX_REDIRECTS + " redirects");
            }
        } catch (RuntimeException e) {
            response.close();
            throw e;
        }
        next.ifPresent(request -> LOG.log(Level.DEBUG, () -> "Redirected to " + request.redactedUrl(options.secretQueryParams())));
        return next;
    }

    private Duration remaining(Instant deadline) {
        Duration left = Duration.between(options.clock().instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new SdkTimeoutException("The request timed out");
        }
        return left;
    }

    private void sleep(Duration delay) {
        try {
            options.sleeper().sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SdkIoException("Interrupted while waiting to retry", e);
        }
    }

    // Method, URL and headers, every credential replaced: the log may be shared.
    private void logRequest(HttpRequest request) {
        if (!LOG.isLoggable(Level.DEBUG)) {
            return;
        }
        Set<String> secret = options.secretHeaders();
        StringBuilder text = new StringBuilder("Request: ").append(request.method()).append(' ')
                .append(request.redactedUrl(options.secretQueryParams()));
        Headers headers = request.headers();
        for (String name : headers.names()) {
            boolean hidden = secret.contains(name.toLowerCase(Locale.ROOT)) || Headers.isSecret(name);
            text.append("\n  ").append(name).append(": ").append(hidden ? "<redacted>" : String.join(", ", headers.values(name)));
        }
        LOG.log(Level.DEBUG, text.toString());
    }

    private void log(HttpRequest request, String reason, Duration delay) {
        LOG.log(Level.DEBUG, () -> String.format(
                "Retrying %s %s (%s) in %.2f s",
                request.method(), request.redactedUrl(options.secretQueryParams()), reason, delay.toMillis() / 1000.0));
    }

    private static double random() {
        return ThreadLocalRandom.current().nextDouble();
    }

    private static HttpRequest withRetryCount(HttpRequest request, int retries) {
        return request.toBuilder().replaceHeader(RETRY_COUNT_HEADER, Integer.toString(retries)).build();
    }

    /**
     * The request as sent: the client's base URL unless the request has one; under the request's
     * own headers and query parameters the client's, the credential and the User-Agent; and an
     * idempotency key unless the method is safe or the request carries one.
     */
    HttpRequest prepare(HttpRequest request) {
        HttpRequest.Builder builder = request.toBuilder();
        if (request.baseUrl().isEmpty()) {
            builder.baseUrl(options.baseUrl());
        }
        Headers.Builder headers = Headers.builder();
        headers.put("User-Agent", options.userAgent() + " Java/" + System.getProperty("java.version"));
        headers.put("Accept", "application/json");
        authHeader().ifPresent(value -> headers.put(authHeaderName(), value));
        headers.replaceAll(options.headers());
        headers.replaceAll(request.headers());
        Optional<String> idempotencyHeader = options.idempotencyHeader();
        if (idempotencyHeader.isPresent() && !request.method().isSafe() && !headers.build().contains(idempotencyHeader.get())) {
            headers.put(idempotencyHeader.get(), UUID.randomUUID().toString());
        }
        builder.replaceAllHeaders(headers.build());
        // The client's query parameters first, then the call's (which win for a shared name).
        QueryParams.Builder query = options.queryParams().toBuilder();
        if (options.authKind() == AuthKind.QUERY) {
            options.apiKey().ifPresent(key -> query.replace(options.authParamName().orElseThrow(), key));
        }
        query.replaceAll(request.queryParams());
        return builder.clearQueryParams().putAllQueryParams(query.build()).build();
    }

    private String authHeaderName() {
        return options.authKind() == AuthKind.HEADER ? options.authParamName().orElseThrow() : "Authorization";
    }

    private Optional<String> authHeader() {
        Optional<String> key = options.apiKey();
        switch (options.authKind()) {
            case BEARER:
                return key.map(k -> "Bearer " + k);
            case BASIC:
                return key.map(k -> "Basic " + Base64.getEncoder().encodeToString(k.getBytes(StandardCharsets.UTF_8)));
            case HEADER:
                return key;
            default:
                return Optional.empty();
        }
    }

    /** True for an error status that asks for a retry: {@code x-should-retry}, else 408, 409, 429 or 5xx. */
    static boolean shouldRetry(HttpResponse response) {
        if (response.statusCode() < 400) {
            return false;
        }
        Optional<String> header = response.headers().first("x-should-retry");
        if (header.isPresent() && header.get().equals("true")) {
            return true;
        }
        if (header.isPresent() && header.get().equals("false")) {
            return false;
        }
        int status = response.statusCode();
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /**
     * The wait before retry number {@code retriesTaken + 1}: what {@code retry-after-ms} or
     * {@code Retry-After} (seconds or an HTTP date) asks for when that is over 0 and at most
     * {@link #MAX_RETRY_AFTER}; else {@code min(0.5 * 2^retriesTaken, 8)} seconds less up to 25%
     * ({@code random} in [0, 1) picks how much).
     */
    static Duration retryDelay(int retriesTaken, Headers headers, Clock clock, double random) {
        Optional<Duration> asked = RetryAfter.parse(headers, clock);
        if (asked.isPresent() && !asked.get().isNegative() && !asked.get().isZero()
                && asked.get().compareTo(MAX_RETRY_AFTER) <= 0) {
            return asked.get();
        }
        double seconds = Math.min(0.5 * Math.pow(2, retriesTaken), 8.0) * (1 - 0.25 * random);
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    @Override
    public String toString() {
        return "RetryingHttpClient{" + options.httpClient() + "}";
    }
}
