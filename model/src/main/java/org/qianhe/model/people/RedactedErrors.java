package org.qianhe.model.people;

import java.util.ArrayList;
import java.util.List;

/**
 * Describes a failure for a log without its messages. Messages are written by libraries (Jackson,
 * JDBC drivers, Elasticsearch) that quote the input they failed on, which may be a person's
 * identity; the cause chain's types and where the innermost one was thrown are enough to find the bug.
 */
public final class RedactedErrors {

  private static final int MAX_CAUSES = 8;

  private RedactedErrors() {}

  /** e.g. {@code java.io.UncheckedIOException <- java.io.EOFException at com.x.Y.read(Y.java:10)} */
  public static String describe(Throwable error) {
    List<String> types = new ArrayList<>();
    Throwable innermost = error;
    for (Throwable t = error; t != null && types.size() < MAX_CAUSES; t = t.getCause()) {
      types.add(t.getClass().getName());
      innermost = t;
    }
    StackTraceElement[] frames = innermost.getStackTrace();
    return String.join(" <- ", types) + (frames.length > 0 ? " at " + frames[0] : "");
  }
}
