package sdkgen.runtime.core.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import sdkgen.runtime.core.Headers;
import sdkgen.runtime.errors.SdkIoException;
import sdkgen.runtime.errors.SdkTimeoutException;

/**
 * The default transport, on {@code java.net.http} (HTTP/1.1, no redirects followed). The request
 * timeout bounds the wait for the response headers.
 */
public final class JdkHttpClient implements HttpClient {
    // java.net.http sets these itself and refuses them from the caller.
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final java.net.http.HttpClient client;

    private JdkHttpClient(java.net.http.HttpClient client) {
        this.client = client;
    }

    /** A builder of the default transport. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A transport over a {@code java.net.http.HttpClient} of your own; it must follow no redirects
     * ({@code Redirect.NEVER}, its default), since the SDK follows them itself.
     */
    public static JdkHttpClient of(java.net.http.HttpClient client) {
        if (client.followRedirects() != java.net.http.HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("The client must follow no redirects (Redirect.NEVER)");
        }
        return new JdkHttpClient(client);
    }

    @Override
    public HttpResponse execute(HttpRequest request, Duration timeout) {
        java.net.http.HttpRequest jdkRequest = toJdk(request, timeout);
        try {
            return new Response(client.send(jdkRequest, java.net.http.HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw ioError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SdkIoException("Interrupted while waiting for the response", e);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, Duration timeout) {
        java.net.http.HttpRequest jdkRequest;
        try {
            jdkRequest = toJdk(request, timeout);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        client.sendAsync(jdkRequest, java.net.http.HttpResponse.BodyHandlers.ofInputStream())
                .whenComplete((response, error) -> {
                    if (error == null) {
                        result.complete(new Response(response));
                    } else {
                        result.completeExceptionally(asyncError(error));
                    }
                });
        return result;
    }

    private static Throwable asyncError(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof IOException ? ioError((IOException) cause) : cause;
    }

    private static SdkIoException ioError(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return new SdkTimeoutException("Timed out connecting to the server", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new SdkTimeoutException("Timed out waiting for the response", e);
        }
        return new SdkIoException("Connection error: " + e.getMessage(), e);
    }

    private static java.net.http.HttpRequest toJdk(HttpRequest request, Duration timeout) {
        java.net.http.HttpRequest.Builder builder =
                java.net.http.HttpRequest.newBuilder(request.uri()).timeout(timeout);
        Headers headers = request.headers();
        for (String name : headers.names()) {
            if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : headers.values(name)) {
                builder.header(name, value);
            }
        }
        java.net.http.HttpRequest.BodyPublisher publisher = java.net.http.HttpRequest.BodyPublishers.noBody();
        if (request.body().isPresent()) {
            HttpRequestBody body = request.body().get();
            publisher = java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.bytes());
            if (!headers.contains("content-type")) {
                builder.header("Content-Type", body.contentType());
            }
        }
        builder.method(request.method().name(), publisher);
        return builder.build();
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before Java 21; its threads end with it.
    }

    @Override
    public String toString() {
        return "JdkHttpClient{" + client.version() + "}";
    }

    private static final class Response implements HttpResponse {
        private final java.net.http.HttpResponse<InputStream> response;
        private final Headers headers;

        Response(java.net.http.HttpResponse<InputStream> response) {
            this.response = response;
            Headers.Builder builder = Headers.builder();
            for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                if (header.getKey().startsWith(":")) {
                    continue; // HTTP/2 pseudo-headers
                }
                for (String value : header.getValue()) {
                    builder.put(header.getKey(), value);
                }
            }
            this.headers = builder.build();
        }

        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public Headers headers() {
            return headers;
        }

        @Override
        public InputStream body() {
            return response.body();
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException e) {
                // The connection is given up either way.
            }
        }
    }

    /** A builder of {@link JdkHttpClient}. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofMinutes(1);

        private Builder() {}

        /** The limit on opening a connection (default 1 minute). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** The transport. */
        public JdkHttpClient build() {
            return new JdkHttpClient(
                    java.net.http.HttpClient.newBuilder()
                            .version(java.net.http.HttpClient.Version.HTTP_1_1)
                            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                            .connectTimeout(connectTimeout)
                            .build());
        }
    }
}
