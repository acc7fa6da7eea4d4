package sdkgen.runtime.core.pagination;

import java.util.List;
import java.util.Optional;

/**
 * One page of a cursor-paginated list. Generated page classes add {@code response()},
 * {@code data()}, {@code nextPage()} and {@code autoPager()}.
 *
 * @param <T> the type of an item
 */
public interface Page<T> {
    /** This page's items. */
    List<T> items();

    /** The server's word that another page follows. */
    boolean hasNextPage();

    /** The cursor that asks for the next page (empty when there is none). */
    Optional<String> nextCursor();
}
