package org.qianhe.search.index;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Documents Elasticsearch refused for good (after retries). The message names each consentId
 * with the Elasticsearch error type only: the error's reason text can quote the document's
 * values, and those never belong in a log or an exception.
 */
public final class ConsentBulkWriteException extends IOException {

  /** One refused document: its id, the HTTP status (or -1 when the request itself failed) and the error type. */
  public record FailedItem(String consentId, int status, String errorType) {
    @Override
    public String toString() {
      return consentId + " (" + (status < 0 ? "" : status + " ") + errorType + ")";
    }
  }

  private static final int LISTED = 10;
  private final transient List<FailedItem> failures;

  ConsentBulkWriteException(List<FailedItem> failures) {
    super(message(failures));
    this.failures = List.copyOf(failures);
  }

  public List<FailedItem> failures() {
    return failures;
  }

  private static String message(List<FailedItem> failures) {
    String listed = failures.stream().limit(LISTED).map(FailedItem::toString).collect(Collectors.joining(", "));
    String more = failures.size() > LISTED ? " and " + (failures.size() - LISTED) + " more" : "";
    return failures.size() + " consent document(s) not indexed: " + listed + more;
  }
}
