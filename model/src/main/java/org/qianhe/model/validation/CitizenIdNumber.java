package org.qianhe.model.validation;

/**
 * The check character of the 18-character citizen ID number (GB 11643-1999, ISO 7064 MOD 11-2):
 * the weighted sum of the first 17 digits modulo 11 picks the last character. A typed or
 * misread digit changes it, so a wrong number is caught where it is entered.
 */
public final class CitizenIdNumber {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private CitizenIdNumber() {}

  /** The check character for 17 leading digits. */
  public static char checkCharacter(CharSequence first17) {
    if (first17.length() < 17) {
      throw new IllegalArgumentException("needs 17 digits");
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = first17.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("needs 17 digits");
      }
      sum += (c - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }

  /** True for 17 digits followed by their check character (upper-case X for ten). */
  public static boolean hasValidCheckCharacter(String id) {
    if (id == null || id.length() != 18) {
      return false;
    }
    for (int i = 0; i < 17; i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return false;
      }
    }
    return checkCharacter(id) == id.charAt(17);
  }
}
