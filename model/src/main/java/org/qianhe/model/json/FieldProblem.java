package org.qianhe.model.json;

/** One thing wrong with one field of a JSON document; {@code field} is a path like {@code vaccination.doseNumber}. */
public record FieldProblem(String field, String problem) {

  public static FieldProblem of(String field, String problem) {
    return new FieldProblem(field, problem);
  }
}
