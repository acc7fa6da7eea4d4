package sdkgen.runtime.core.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import sdkgen.runtime.errors.SdkIoException;
import sdkgen.runtime.errors.SdkTimeoutException;

/**
 * A transport: sends one request and returns the response with its body unread. It follows no
 * redirects, retries nothing and adds no headers of its own beyond what HTTP needs; the caller
 * ({@link RetryingHttpClient}) does all that. {@code timeout} bounds the wait until the response
 * headers are in. Failures are {@link SdkTimeoutException} past the timeout
 * and {@link SdkIoException} for any other I/O error.
 */
public interface HttpClient extends AutoCloseable {
    /** Sends {@code request} (whose URL is absolute) and waits for the response headers. */
    HttpResponse execute(HttpRequest request, Duration timeout);

    /** Sends {@code request} without blocking; the future fails with the same exceptions. */
    CompletableFuture<HttpResponse> executeAsync(HttpRequest request, Duration timeout);

    /** Releases the transport's connections and threads. */
    @Override
    void close();
}
