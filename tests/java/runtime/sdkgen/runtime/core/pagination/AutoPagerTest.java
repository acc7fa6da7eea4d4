package sdkgen.runtime.core.pagination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import sdkgen.runtime.errors.PaginationException;

class AutoPagerTest {
    /** A page the way generated pages are: items, has_more and the cursor of the next page. */
    static final class NumberPage implements Page<Integer> {
        final List<Integer> items;
        final boolean hasMore;
        final String cursor;

        NumberPage(List<Integer> items, boolean hasMore, String cursor) {
            this.items = items;
            this.hasMore = hasMore;
            this.cursor = cursor;
        }

        @Override
        public List<Integer> items() {
            return items;
        }

        @Override
        public boolean hasNextPage() {
            return hasMore;
        }

        @Override
        public Optional<String> nextCursor() {
            return Optional.ofNullable(cursor);
        }
    }

    // Pages of `size` numbers up to `total`, the cursor being the last number.
    private static Function<NumberPage, NumberPage> counting(int size, int total, AtomicInteger fetches) {
        return page -> {
            fetches.incrementAndGet();
            int start = Integer.parseInt(page.cursor) + 1;
            List<Integer> items = new ArrayList<>();
            for (int i = start; i < Math.min(start + size, total); i++) {
                items.add(i);
            }
            int last = start + items.size() - 1;
            return new NumberPage(items, last < total - 1, Integer.toString(last));
        };
    }

    @Test
    void walksEveryPageLazily() {
        AtomicInteger fetches = new AtomicInteger();
        NumberPage first = new NumberPage(List.of(0, 1), true, "1");
        AutoPager<Integer> pager = AutoPager.of(first, counting(2, 7, fetches));
        assertEquals(List.of(0, 1, 2), pager.stream().limit(3).collect(Collectors.toList()));
        assertEquals(1, fetches.get());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), pager.stream().collect(Collectors.toList()));
        assertEquals(List.of(), AutoPager.of(new NumberPage(List.of(), false, null), p -> p).stream()
                .collect(Collectors.toList()));
    }

    @Test
    void anEmptyPageThatSaysMoreIsRefused() {
        List<NumberPage> pages = List.of(new NumberPage(List.of(), true, "b"), new NumberPage(List.of(3), false, null));
        AtomicInteger index = new AtomicInteger();
        AutoPager<Integer> pager = AutoPager.of(new NumberPage(List.of(1), true, "a"), p -> pages.get(index.getAndIncrement()));
        List<Integer> seen = new ArrayList<>();
        PaginationException error = assertThrows(PaginationException.class, () -> pager.forEach(seen::add));
        assertTrue(error.getMessage().contains("no items"));
        assertEquals(List.of(1), seen);
    }

    @Test
    void aRepeatedCursorIsAnEndlessList() {
        NumberPage page = new NumberPage(List.of(1), true, "same");
        PaginationException error = assertThrows(PaginationException.class,
                () -> AutoPager.of(page, p -> new NumberPage(List.of(2), true, "same")).forEach(item -> {}));
        assertTrue(error.getMessage().contains("already used"));
        // A cycle longer than one page is caught too: every cursor is remembered.
        AtomicInteger n = new AtomicInteger();
        assertThrows(PaginationException.class,
                () -> AutoPager.of(page, p -> new NumberPage(List.of(3), true, "c" + (n.getAndIncrement() % 3))).forEach(item -> {}));
    }

    @Test
    void moreWithoutACursorIsRefused() {
        assertThrows(PaginationException.class,
                () -> AutoPager.of(new NumberPage(List.of(1), true, null), p -> p).forEach(item -> {}));
        assertThrows(PaginationException.class,
                () -> AutoPager.of(new NumberPage(List.of(1), true, ""), p -> p).forEach(item -> {}));
    }

    @Test
    void stopsAfterTheMostPages() {
        AtomicInteger fetches = new AtomicInteger();
        AutoPager<Integer> pager = AutoPager.of(new NumberPage(List.of(0), true, "0"), counting(1, Integer.MAX_VALUE, fetches));
        PaginationException error = assertThrows(PaginationException.class, () -> pager.forEach(item -> {}));
        assertTrue(error.getMessage().contains("10000"));
        assertEquals(PageWalk.MAX_PAGES - 1, fetches.get());
    }

    @Test
    void asyncWalksPagesReadyOrNot() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            AtomicInteger fetches = new AtomicInteger();
            Function<NumberPage, NumberPage> next = counting(3, 5000, fetches);
            // Half the pages arrive later on another thread, half are ready at once (a deep stack if recursive).
            AutoPagerAsync<Integer> pager = AutoPagerAsync.of(new NumberPage(List.of(0, 1, 2), true, "2"),
                    page -> fetches.get() % 2 == 0
                            ? CompletableFuture.supplyAsync(() -> next.apply(page), executor)
                            : CompletableFuture.completedFuture(next.apply(page)));
            List<Integer> seen = new ArrayList<>();
            pager.forEach(seen::add, Runnable::run).get();
            assertEquals(5000, seen.size());
            assertEquals(4999, seen.get(4999));
            List<Integer> again = java.util.Collections.synchronizedList(new ArrayList<>());
            AutoPagerAsync.of(new NumberPage(List.of(0), true, "0"), (NumberPage page) ->
                    CompletableFuture.completedFuture(new NumberPage(List.of(1), true, "0")))
                    .forEach(again::add, executor)
                    .handle((ignored, error) -> {
                        assertTrue(error instanceof PaginationException, String.valueOf(error));
                        return null;
                    }).get();
            assertEquals(List.of(0, 1), again);
            CompletionException failed = assertThrows(CompletionException.class, () -> AutoPagerAsync.of(
                    new NumberPage(List.of(0), true, "0"),
                    (NumberPage page) -> CompletableFuture.<NumberPage>failedFuture(new IllegalStateException("down")))
                    .subscribe(item -> {}).join());
            assertEquals("down", failed.getCause().getMessage());
        } finally {
            executor.shutdownNow();
        }
    }
}
