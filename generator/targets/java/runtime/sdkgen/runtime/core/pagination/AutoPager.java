package sdkgen.runtime.core.pagination;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import sdkgen.runtime.errors.PaginationException;

/**
 * Every item of every page, fetching pages as the iteration reaches them. Stops when a page has
 * no next one; throws {@link PaginationException} when a page claims more but has no items, gives
 * no cursor or a cursor used before, or after 10,000 pages. Each {@link #iterator()} starts again
 * from the first page.
 *
 * @param <T> the type of an item
 */
public final class AutoPager<T> implements Iterable<T> {
    private final Page<T> firstPage;
    private final Function<Page<T>, Page<T>> next;

    private AutoPager(Page<T> firstPage, Function<Page<T>, Page<T>> next) {
        this.firstPage = firstPage;
        this.next = next;
    }

    /** The items from {@code firstPage} on; {@code next} fetches the page after a page. */
    @SuppressWarnings("unchecked")
    public static <T, P extends Page<T>> AutoPager<T> of(P firstPage, Function<? super P, ? extends P> next) {
        Objects.requireNonNull(firstPage, "firstPage");
        Objects.requireNonNull(next, "next");
        // Only pages that `next` made (so of type P) are ever passed back to it.
        return new AutoPager<>(firstPage, page -> next.apply((P) page));
    }

    @Override
    public Iterator<T> iterator() {
        return new Items();
    }

    /** The items as a sequential stream. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    private final class Items implements Iterator<T> {
        private final PageWalk walk = new PageWalk();
        private Page<T> page = firstPage;
        private Iterator<T> items = itemsOf(firstPage);

        @Override
        public boolean hasNext() {
            while (!items.hasNext()) {
                if (!walk.hasNext(page)) {
                    return false;
                }
                page = Objects.requireNonNull(next.apply(page), "next page");
                items = itemsOf(page);
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return items.next();
        }
    }

    private static <T> Iterator<T> itemsOf(Page<T> page) {
        return page.items() == null ? Collections.emptyIterator() : page.items().iterator();
    }
}
