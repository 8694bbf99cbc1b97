package org.qianhe.model.kafka;

/** Bytes that are not a consent record; the message names the cause's type only, never content. */
public class UndecodableRecordException extends RuntimeException {

  public UndecodableRecordException(String cause) {
    super("not a consent record (" + cause + ")");
  }
}
