package org.qianhe.paper.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.qianhe.model.codes.CodeLists;
import org.qianhe.model.codes.Vaccine;

/**
 * Closed lists of values for printed text fields (vaccine names from the model's code list;
 * manufacturers and body sites from {@code vocabulary.json}), and matching of OCR text to them.
 * Chinese OCR misreads a rare character now and then; the nearest entry, when it is clearly the
 * nearest, is what was printed.
 */
public final class Vocabulary {

  /**
   * The entry an OCR text matched.
   *
   * @param distance edits (insert, delete, replace a character) from the OCR text to the entry
   */
  public record Match(String entry, int distance) {}

  private final Map<String, List<String>> lists;

  public Vocabulary(Map<String, List<String>> lists) {
    this.lists = Map.copyOf(lists);
  }

  /** The bundled lists plus the vaccine names of the code lists ({@code vaccineNames}). */
  public static Vocabulary bundled(CodeLists codeLists) {
    Map<String, List<String>> lists = new HashMap<>();
    try (InputStream in = Vocabulary.class.getResourceAsStream("vocabulary.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      for (String name : List.of("manufacturers", "bodySites")) {
        List<String> entries = new ArrayList<>();
        root.path(name).forEach(n -> entries.add(n.asText()));
        lists.put(name, List.copyOf(entries));
      }
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException("cannot read the bundled vocabulary.json", e instanceof IOException io ? io : new IOException(e));
    }
    lists.put("vaccineNames", codeLists.vaccines().all().stream().map(Vaccine::name).toList());
    return new Vocabulary(lists);
  }

  public List<String> entries(String list) {
    List<String> entries = lists.get(list);
    if (entries == null) {
      throw new IllegalArgumentException("no vocabulary " + list);
    }
    return entries;
  }

  /**
   * The entry nearest the text, when it is unambiguous: an exact match; one edit away with every
   * other entry further; or at most 40% of the entry's characters wrong with every other entry at
   * least two edits further away.
   */
  public Optional<Match> match(String list, String text) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int second = Integer.MAX_VALUE;
    for (String entry : entries(list)) {
      int d = distance(text, entry);
      if (d < bestDistance) {
        second = bestDistance;
        bestDistance = d;
        best = entry;
      } else if (d < second) {
        second = d;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    if (bestDistance == 0) {
      return Optional.of(new Match(best, 0));
    }
    int length = best.codePointCount(0, best.length());
    // two edits in five are still close when nothing else is near: 上和臂三角肌本 is 上臂三角肌
    boolean close = bestDistance <= Math.max(1, 0.4 * length);
    // one edit away and every other entry further: nearest; further off, a clear gap is needed
    boolean clear = bestDistance == 1 ? second >= 2 : second >= bestDistance + 2;
    return close && clear ? Optional.of(new Match(best, bestDistance)) : Optional.empty();
  }

  /** Levenshtein distance over code points. */
  static int distance(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int[] previous = new int[y.length + 1];
    int[] current = new int[y.length + 1];
    for (int j = 0; j <= y.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      current[0] = i;
      for (int j = 1; j <= y.length; j++) {
        int cost = x[i - 1] == y[j - 1] ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[y.length];
  }
}
