package org.qianhe.paper.form;

import java.util.List;

/**
 * Tick boxes of which exactly one is ticked (sex, relation, each screening question, the decision).
 *
 * @param y top of the boxes (mm)
 */
public record CheckboxGroup(String name, String label, double labelX, double y, List<Option> options) {

  public CheckboxGroup {
    options = List.copyOf(options);
  }

  /** One box; {@code x} is its left edge (mm), its label is printed right of it. */
  public record Option(String value, String label, double x) {}

  public Box box(Option option, double sizeMm) {
    return new Box(option.x(), y, sizeMm, sizeMm);
  }
}
