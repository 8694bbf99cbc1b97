package org.qianhe.search.query;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.qianhe.search.system.ProblemException;
import org.springframework.util.MultiValueMap;

/**
 * The request parameters of one endpoint: unknown names, repeated values and blank values are
 * refused with a 400 naming the parameter (never repeating its value). A misspelt optional
 * parameter ({@code vacine=}) would otherwise widen a recall silently.
 */
public final class Params {

  private final MultiValueMap<String, String> values;

  private Params(MultiValueMap<String, String> values) {
    this.values = values;
  }

  /** Refuses the first parameter (alphabetically) that is not in {@code known}. */
  public static Params of(MultiValueMap<String, String> values, Set<String> known) {
    for (String name : new TreeSet<>(values.keySet())) {
      if (!known.contains(name)) {
        throw ProblemException.badParameter(name, "is not a parameter of this endpoint; known: "
            + String.join(", ", new TreeSet<>(known)));
      }
    }
    return new Params(values);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The one value of a parameter, stripped, or null when absent; blank and repeated values are refused. */
  public String single(String name) {
    List<String> list = values.get(name);
    if (list == null || list.isEmpty()) {
      return null;
    }
    if (list.size() > 1) {
      throw ProblemException.badParameter(name, "must be given once");
    }
    String value = list.get(0) == null ? "" : list.get(0).strip();
    if (value.isEmpty()) {
      throw ProblemException.badParameter(name, "must not be blank");
    }
    return value;
  }
}
