package org.qianhe.search.people;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Citizen ID numbers as analysts type them: spaces and a lower-case check character are
 * normalised away (as {@code BlindIndex} does), then the number must have the 18-character
 * shape and a correct ISO 7064 MOD 11-2 check character (GB 11643), so a typo is reported as a
 * typo instead of as "no consent found". Nothing here ever echoes the number.
 */
public final class CitizenIds {

  private static final Pattern SHAPE = Pattern.compile("\\d{17}[\\dX]");
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private CitizenIds() {}

  /** The normalised number, or empty when it is not a valid 18-character citizen ID. */
  public static Optional<String> normalise(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String id = typed.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    if (!SHAPE.matcher(id).matches()) {
      return Optional.empty();
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11] == id.charAt(17) ? Optional.of(id) : Optional.empty();
  }
}
