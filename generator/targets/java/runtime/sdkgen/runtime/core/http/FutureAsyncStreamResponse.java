package sdkgen.runtime.core.http;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** An {@link AsyncStreamResponse} over a stream that is still being opened. */
final class FutureAsyncStreamResponse<T> implements AsyncStreamResponse<T> {
    private final CompletableFuture<StreamResponse<T>> stream;
    private final CompletableFuture<Void> completed = new CompletableFuture<>();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private volatile boolean closed;

    FutureAsyncStreamResponse(CompletableFuture<StreamResponse<T>> stream) {
        this.stream = stream;
    }

    @Override
    public AsyncStreamResponse<T> subscribe(Consumer<? super T> handler) {
        return subscribe(handler, ForkJoinPool.commonPool());
    }

    @Override
    public AsyncStreamResponse<T> subscribe(Consumer<? super T> handler, Executor executor) {
        if (!subscribed.compareAndSet(false, true)) {
            throw new IllegalStateException("The stream has a subscriber already");
        }
        stream.whenCompleteAsync((events, error) -> {
            if (error != null) {
                completed.completeExceptionally(ApiCaller.unwrap(error));
                return;
            }
            try (StreamResponse<T> open = events) {
                Iterator<T> items = open.stream().iterator();
                while (!closed && items.hasNext()) {
                    handler.accept(items.next());
                }
                completed.complete(null);
            } catch (RuntimeException e) {
                completed.completeExceptionally(e);
            }
        }, executor);
        return this;
    }

    @Override
    public CompletableFuture<Void> onCompleteFuture() {
        return completed;
    }

    @Override
    public void close() {
        closed = true;
        stream.thenAccept(StreamResponse::close);
    }
}
