package org.qianhe.search.consent;

/**
 * The people of one consent in clear, as a trace officer sees them after an audited unmask.
 * Never logged, never cached ({@code Cache-Control: no-store}), never part of a search answer.
 */
public record Identity(Person child, Guardian guardian) {

  /** The child: name, citizen ID number, birth date (YYYY-MM-DD) and sex. */
  public record Person(String name, String idNumber, String birthDate, String sex) {
    @Override
    public String toString() {
      return "Person[redacted]";
    }
  }

  /** The guardian who consented: name, citizen ID number, phone and relation to the child. */
  public record Guardian(String name, String idNumber, String phone, String relation) {
    @Override
    public String toString() {
      return "Guardian[redacted]";
    }
  }
}
