package sdkgen.runtime.core.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The events of a streamed call, delivered to a handler as they arrive.
 *
 * @param <T> the type of one event
 */
public interface AsyncStreamResponse<T> extends AutoCloseable {
    /** Delivers each event to {@code handler} on a thread of the default executor; once only. */
    AsyncStreamResponse<T> subscribe(Consumer<? super T> handler);

    /** Delivers each event to {@code handler} on {@code executor}; once only. */
    AsyncStreamResponse<T> subscribe(Consumer<? super T> handler, Executor executor);

    /** Completed when the stream has ended (exceptionally when it failed or the handler threw). */
    CompletableFuture<Void> onCompleteFuture();

    /** Stops the stream and releases the connection. */
    @Override
    void close();
}
