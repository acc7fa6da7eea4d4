package sdkgen.runtime.core.pagination;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import sdkgen.runtime.errors.PaginationException;

/**
 * The checks made before asking for each next page, so that a server that answers "more" without
 * a way forward is not paged through forever: a page with no items, no cursor, a cursor used
 * before, or too many pages.
 */
final class PageWalk {
    static final int MAX_PAGES = 10_000;

    private final Set<String> cursors = new HashSet<>();
    private int pages = 1;

    /** True when there is a next page to fetch after {@code page}; throws when it would never end. */
    boolean hasNext(Page<?> page) {
        if (!page.hasNextPage()) {
            return false;
        }
        if (page.items() == null || page.items().isEmpty()) {
            // As in the Python runtime: "more" after nothing is a server going round in circles.
            throw new PaginationException("The server says there is another page after a page with no items");
        }
        Optional<String> cursor = page.nextCursor();
        if (cursor.isEmpty() || cursor.get().isEmpty()) {
            throw new PaginationException("The server says there is another page but gives no cursor for it");
        }
        if (!cursors.add(cursor.get())) {
            throw new PaginationException(
                    "The server gave a cursor already used for this list: paging on would never end");
        }
        if (++pages > MAX_PAGES) {
            throw new PaginationException("The list has more than " + MAX_PAGES + " pages: stopped paging");
        }
        return true;
    }
}
