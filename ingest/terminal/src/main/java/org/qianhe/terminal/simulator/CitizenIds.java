package org.qianhe.terminal.simulator;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Builds well-formed 18-character citizen ID numbers (GB 11643) with their MOD 11-2 check character. */
final class CitizenIds {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private CitizenIds() {}

  static String of(String regionCode, LocalDate birthDate, int sequence) {
    String body = regionCode + birthDate.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence % 1000);
    return body + checkCharacter(body);
  }

  static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }
}
