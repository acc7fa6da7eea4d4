package sdkgen.runtime.core.http;

import java.util.stream.Stream;
import sdkgen.runtime.core.Headers;

/**
 * The events of a streamed call, each parsed into {@code T}, read as they arrive. Close it (or
 * use try-with-resources) to release the connection, also when stopping early.
 *
 * @param <T> the type of one event
 */
public interface StreamResponse<T> extends AutoCloseable {
    /** The events as a sequential stream (read once). Ends at {@code data: [DONE]} or the end of the body. */
    Stream<T> stream();

    /** The HTTP status of the response. */
    int statusCode();

    /** The response headers. */
    Headers headers();

    /** Releases the connection; the stream ends. */
    @Override
    void close();
}
