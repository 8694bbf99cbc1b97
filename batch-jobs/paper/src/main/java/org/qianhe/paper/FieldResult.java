package org.qianhe.paper;

import java.util.Set;

/**
 * One field of a page as read and checked.
 *
 * @param value       the normalised value ("" when missing); for identity fields a name, ID number or
 *                    phone in clear, to be sealed, never logged
 * @param confidence  0 to 1 (the lowest OCR symbol confidence, or the clarity of a tick)
 * @param confirmedBy the sources that agreed with the value
 * @param identity    whether the value identifies a person
 */
public record FieldResult(String name, String value, double confidence, FieldStatus status, Set<Source> confirmedBy,
    boolean identity) {

  public FieldResult {
    confirmedBy = Set.copyOf(confirmedBy);
  }

  public boolean confirmed() {
    return status == FieldStatus.CONFIRMED;
  }

  @Override
  public String toString() {
    return name + "=" + (identity ? "<" + value.length() + " chars, sealed>" : value) + " (" + status + ", "
        + Math.round(confidence * 100) + "%, " + confirmedBy + ")";
  }
}
