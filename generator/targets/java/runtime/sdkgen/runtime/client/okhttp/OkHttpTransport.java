package sdkgen.runtime.client.okhttp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import sdkgen.runtime.core.Headers;
import sdkgen.runtime.core.http.HttpClient;
import sdkgen.runtime.core.http.HttpRequest;
import sdkgen.runtime.core.http.HttpRequestBody;
import sdkgen.runtime.core.http.HttpResponse;
import sdkgen.runtime.errors.SdkIoException;
import sdkgen.runtime.errors.SdkTimeoutException;

/**
 * A transport on OkHttp 3. It follows no redirects (the SDK does, keeping credentials to their
 * origin) and retries nothing itself. The timeout of a request bounds the wait for the response
 * headers: past it the call is cancelled.
 */
public final class OkHttpTransport implements HttpClient {
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

    private final OkHttpClient client;
    // Only a client made here is shut down by close(): one passed to of() belongs to the caller.
    private final boolean owned;

    private OkHttpTransport(OkHttpClient client, boolean owned) {
        this.client = client.newBuilder().followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false).build();
        this.owned = owned;
    }

    /** A builder of the transport. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A transport sharing the connection pool and dispatcher of {@code client} (its redirects
     * turned off); {@link #close()} leaves them to their owner.
     */
    public static OkHttpTransport of(OkHttpClient client) {
        return new OkHttpTransport(client, false);
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "okhttp-transport-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @Override
    public HttpResponse execute(HttpRequest request, Duration timeout) {
        Call call = client.newCall(toOkHttp(request));
        Alarm alarm = new Alarm(call, timeout);
        try {
            Response response = call.execute();
            alarm.cancel();
            return new OkResponse(call, response);
        } catch (IOException e) {
            alarm.cancel();
            throw error(e, alarm.fired());
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, Duration timeout) {
        Call call;
        try {
            call = client.newCall(toOkHttp(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        Alarm alarm = new Alarm(call, timeout);
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                alarm.cancel();
                result.completeExceptionally(error(e, alarm.fired()));
            }

            @Override
            public void onResponse(Call done, Response response) {
                alarm.cancel();
                result.complete(new OkResponse(done, response));
            }
        });
        return result;
    }

    private static SdkIoException error(IOException e, boolean timedOut) {
        if (timedOut || e instanceof InterruptedIOException) {
            return new SdkTimeoutException("The request timed out", e);
        }
        return new SdkIoException("Connection error: " + e.getMessage(), e);
    }

    private static Request toOkHttp(HttpRequest request) {
        Request.Builder builder = new Request.Builder().url(request.uri().toString());
        Headers headers = request.headers();
        for (String name : headers.names()) {
            for (String value : headers.values(name)) {
                builder.addHeader(name, value);
            }
        }
        RequestBody body = null;
        if (request.body().isPresent()) {
            HttpRequestBody content = request.body().get();
            String type = headers.first("content-type").orElse(content.contentType());
            body = RequestBody.create(MediaType.parse(type), content.bytes());
        } else if (okhttp3.internal.http.HttpMethod.requiresRequestBody(request.method().name())) {
            body = RequestBody.create(null, new byte[0]);
        }
        builder.method(request.method().name(), body);
        return builder.build();
    }

    @Override
    public void close() {
        if (owned) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return "OkHttpTransport";
    }

    /** Cancels a call still waiting for its headers when the timeout passes. */
    private static final class Alarm {
        private final AtomicBoolean fired = new AtomicBoolean();
        private final ScheduledFuture<?> future;

        Alarm(Call call, Duration timeout) {
            future = WATCHDOG.schedule(() -> {
                fired.set(true);
                call.cancel();
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        void cancel() {
            future.cancel(false);
        }

        boolean fired() {
            return fired.get();
        }
    }

    private static final class OkResponse implements HttpResponse {
        private final Call call;
        private final Response response;
        private final Headers headers;

        OkResponse(Call call, Response response) {
            this.call = call;
            this.response = response;
            Headers.Builder builder = Headers.builder();
            okhttp3.Headers okHeaders = response.headers();
            for (int i = 0; i < okHeaders.size(); i++) {
                builder.put(okHeaders.name(i), okHeaders.value(i));
            }
            this.headers = builder.build();
        }

        @Override
        public int statusCode() {
            return response.code();
        }

        @Override
        public Headers headers() {
            return headers;
        }

        @Override
        public InputStream body() {
            ResponseBody body = response.body();
            return body == null ? InputStream.nullInputStream() : body.byteStream();
        }

        // Cancelling too, so that a read blocked in another thread ends.
        @Override
        public void close() {
            call.cancel();
            response.close();
        }
    }

    /** A builder of {@link OkHttpTransport}. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofMinutes(1);
        private Duration readTimeout = Duration.ofMinutes(10);

        private Builder() {}

        /** The limit on opening a connection (default 1 minute). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** The limit on one read of the socket, which also bounds a silent event stream (default 10 minutes). */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /** The transport. */
        public OkHttpTransport build() {
            return new OkHttpTransport(new OkHttpClient.Builder()
                    .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .writeTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .build(), true);
        }
    }
}
