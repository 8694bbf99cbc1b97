package org.qianhe.stream.index;

import java.io.IOException;
import java.util.List;
import org.qianhe.model.ConsentRecord;

/**
 * Where valid consents become searchable, written by consentId (a second write overwrites). One per
 * parallel {@link IndexConsents} instance; not thread-safe beyond what the implementation says.
 */
public interface ConsentIndex extends AutoCloseable {

  /** Queues the record's document; may block while the index is saturated (back-pressure). */
  void add(ConsentRecord record) throws IOException;

  /** Queues the removal of a consent's document; removing one that does not exist is no error. */
  void remove(String consentId) throws IOException;

  /**
   * Returns when every document added or removed so far is acknowledged or has failed (after the
   * implementation's own retries); the failed ones are returned, each reported once.
   */
  List<IndexFailure> flush() throws IOException;

  @Override
  void close() throws IOException;
}
