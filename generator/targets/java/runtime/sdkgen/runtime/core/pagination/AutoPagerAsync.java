package sdkgen.runtime.core.pagination;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import sdkgen.runtime.errors.PaginationException;

/**
 * Every item of every page, delivered to a handler, fetching pages without blocking. The same
 * endless-list checks as {@link AutoPager} ({@link PaginationException}).
 *
 * @param <T> the type of an item
 */
public final class AutoPagerAsync<T> {
    private final Page<T> firstPage;
    private final Function<Page<T>, CompletableFuture<? extends Page<T>>> next;

    private AutoPagerAsync(Page<T> firstPage, Function<Page<T>, CompletableFuture<? extends Page<T>>> next) {
        this.firstPage = firstPage;
        this.next = next;
    }

    /** The items from {@code firstPage} on; {@code next} fetches the page after a page. */
    @SuppressWarnings("unchecked")
    public static <T, P extends Page<T>> AutoPagerAsync<T> of(
            P firstPage, Function<? super P, ? extends CompletableFuture<? extends P>> next) {
        Objects.requireNonNull(firstPage, "firstPage");
        Objects.requireNonNull(next, "next");
        return new AutoPagerAsync<>(firstPage, page -> next.apply((P) page));
    }

    /**
     * Hands each item to {@code handler} on {@code executor}, in order; the future completes after
     * the last one, or fails with the first error (of a fetch, of the checks, or of the handler).
     */
    public CompletableFuture<Void> forEach(Consumer<? super T> handler, Executor executor) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        executor.execute(() -> walk(firstPage, new PageWalk(), handler, executor, done));
        return done;
    }

    /** {@link #forEach} on the threads that complete the page fetches (the first page on the caller's). */
    public CompletableFuture<Void> subscribe(Consumer<? super T> handler) {
        return forEach(handler, Runnable::run);
    }

    // A loop while the next page is already there, so that many ready pages do not deepen the stack.
    private void walk(Page<T> start, PageWalk walk, Consumer<? super T> handler, Executor executor, CompletableFuture<Void> done) {
        Page<T> page = start;
        try {
            while (true) {
                if (page.items() != null) {
                    page.items().forEach(handler);
                }
                if (!walk.hasNext(page)) {
                    done.complete(null);
                    return;
                }
                CompletableFuture<? extends Page<T>> fetch = next.apply(page);
                if (!fetch.isDone()) {
                    fetch.whenComplete((nextPage, error) -> {
                        if (error != null) {
                            done.completeExceptionally(unwrap(error));
                        } else {
                            executor.execute(() -> walk(nextPage, walk, handler, executor, done));
                        }
                    });
                    return;
                }
                page = fetch.join();
            }
        } catch (CompletionException e) {
            done.completeExceptionally(unwrap(e));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
