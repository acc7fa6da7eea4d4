package sdkgen.runtime.core.http;

import java.io.InputStream;
import java.util.Optional;
import sdkgen.runtime.core.Headers;

/** A response whose body may not be read yet. Close it when done (closing twice is harmless). */
public interface HttpResponse extends AutoCloseable {
    /** The HTTP status. */
    int statusCode();

    /** The response headers. */
    Headers headers();

    /** The body, read once. */
    InputStream body();

    /** The server's id for the request ({@code x-request-id}). */
    default Optional<String> requestId() {
        return headers().first("x-request-id");
    }

    /** Releases the connection. */
    @Override
    void close();
}
