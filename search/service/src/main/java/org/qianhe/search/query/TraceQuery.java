package org.qianhe.search.query;

import java.util.HashSet;
import java.util.Set;
import org.qianhe.search.system.ProblemException;

/**
 * A validated page request: criteria, sort, page size and where the previous page ended.
 *
 * @param after null for the first page
 */
public record TraceQuery(TraceCriteria criteria, TraceSort sort, int size, TraceCursor after) {

  /** Page sizes the service allows. */
  public record PageSizes(int defaultSize, int maxSize) {}

  /** Parameters of a page request sent as GET. */
  public static final Set<String> PARAMETERS = union(TraceCriteria.PARAMETERS,
      Set.of("size", TraceSort.PARAMETER, TraceCursor.PARAMETER));
  /** Parameters of a page request sent as a POST body: raw ID numbers too. */
  public static final Set<String> POST_PARAMETERS = union(PARAMETERS, TraceCriteria.ID_PARAMETERS);

  public static TraceQuery parse(Params p, PageSizes pages, TraceCriteria.BlindKeys keys) {
    TraceCriteria criteria = TraceCriteria.parse(p, keys);
    TraceSort sort = TraceSort.parse(p.single(TraceSort.PARAMETER));
    int size = size(p.single("size"), pages);
    String cursor = p.single(TraceCursor.PARAMETER);
    return new TraceQuery(criteria, sort, size, cursor == null ? null : TraceCursor.decode(cursor, sort));
  }

  private static int size(String value, PageSizes pages) {
    if (value == null) {
      return pages.defaultSize();
    }
    int size;
    try {
      size = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ProblemException.badParameter("size", "must be a whole number from 1 to " + pages.maxSize());
    }
    if (size < 1 || size > pages.maxSize()) {
      throw ProblemException.badParameter("size", "must be from 1 to " + pages.maxSize());
    }
    return size;
  }

  static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
