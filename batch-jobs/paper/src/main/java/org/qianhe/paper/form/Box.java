package org.qianhe.paper.form;

/** A rectangle on the form, in millimetres from the page's top-left corner. */
public record Box(double x, double y, double w, double h) {

  public Box {
    if (w <= 0 || h <= 0) {
      throw new IllegalArgumentException("a box needs a positive size");
    }
  }

  public double centreX() {
    return x + w / 2;
  }

  public double centreY() {
    return y + h / 2;
  }

  /** The same box grown by {@code mm} on every side (shrunk for a negative value). */
  public Box grow(double mm) {
    return new Box(x - mm, y - mm, w + 2 * mm, h + 2 * mm);
  }
}
