package org.qianhe.paper;

/**
 * Why a page needs a person: a code and the field it concerns (empty for the whole page). Codes:
 * a {@link FieldStatus} name for a field that is not CONFIRMED, a model {@code ReasonCode} name
 * (prefixed {@code RULE_}) for a broken rule, or one of {@link #NOT_REGISTERED},
 * {@link #BARCODE_UNREADABLE}. Never holds a value.
 */
public record ReviewReason(String code, String field) {

  public static final String NOT_REGISTERED = "NOT_REGISTERED";
  public static final String BARCODE_UNREADABLE = "BARCODE_UNREADABLE";

  @Override
  public String toString() {
    return field.isEmpty() ? code : code + ":" + field;
  }
}
