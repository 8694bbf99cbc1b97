package org.qianhe.search.index;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Which bulk failures are worth another try. Items: 429 (the node's write queue is full) and
 * 503 (a shard is not available yet, e.g. while recovering). Whole requests: those plus 502/504
 * from a proxy and any I/O error on the way (a node restarting). Everything else — a mapping
 * error, a missing alias — fails the same way every time.
 */
final class BulkFailures {

  private static final Set<Integer> RETRYABLE_ITEM = Set.of(429, 503);
  private static final Set<Integer> RETRYABLE_REQUEST = Set.of(429, 502, 503, 504);

  private BulkFailures() {}

  static boolean retryableItem(int status) {
    return RETRYABLE_ITEM.contains(status);
  }

  static boolean retryableRequest(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ElasticsearchException e) {
      return RETRYABLE_REQUEST.contains(e.status());
    }
    if (t instanceof TransportException e) {
      return RETRYABLE_REQUEST.contains(e.statusCode());
    }
    return t instanceof IOException;
  }

  static int status(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ElasticsearchException e) {
      return e.status();
    }
    if (t instanceof TransportException e) {
      return e.statusCode();
    }
    return -1;
  }

  /** The error type only, never the message: messages can quote document values. */
  static String type(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ElasticsearchException e && e.error() != null && e.error().type() != null) {
      return e.error().type();
    }
    return t.getClass().getSimpleName();
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
