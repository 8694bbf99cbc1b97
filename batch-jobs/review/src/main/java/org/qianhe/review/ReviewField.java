package org.qianhe.review;

/**
 * What the reviewer page shows of a field next to its value (the value itself is sealed).
 *
 * @param status     the reader's verdict (CONFIRMED, LOW_CONFIDENCE, DISAGREES, MALFORMED, UNCONFIRMED, MISSING)
 * @param identity   whether the value identifies a person (child or guardian name, ID number, phone):
 *                   show it masked until the reviewer asks
 */
public record ReviewField(String name, double confidence, String status, boolean identity) {

  public ReviewField {
    ReviewException.require(name != null && !name.isBlank() && name.length() <= 64, "a field needs a name of at most 64 characters");
    ReviewException.require(confidence >= 0 && confidence <= 1, "field confidence must be between 0 and 1");
    ReviewException.require(status != null && !status.isBlank(), "field " + name + " needs a status");
  }
}
