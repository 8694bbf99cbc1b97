package org.qianhe.model.json;

import java.util.List;
import java.util.stream.Collectors;

/** A body that does not match the contract; carries every problem found, never the offending values. */
public class MalformedJsonException extends RuntimeException {

  private final List<FieldProblem> problems;

  public MalformedJsonException(List<FieldProblem> problems) {
    super(problems.stream().map(p -> p.field() + ": " + p.problem()).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
