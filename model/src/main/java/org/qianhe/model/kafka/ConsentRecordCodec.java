package org.qianhe.model.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.qianhe.model.ConsentRecord;

/**
 * The Kafka value of every consent topic: Avro single-object encoding, whose header carries the
 * schema fingerprint, so a consumer can tell a record of another schema version from garbage.
 */
public final class ConsentRecordCodec {

  private static final BinaryMessageEncoder<ConsentRecord> ENCODER = ConsentRecord.getEncoder();
  private static final BinaryMessageDecoder<ConsentRecord> DECODER = ConsentRecord.getDecoder();

  private ConsentRecordCodec() {}

  public static byte[] encode(ConsentRecord record) {
    try {
      ByteBuffer buffer = ENCODER.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @throws UndecodableRecordException when the bytes are not a consent record of a known schema */
  public static ConsentRecord decode(byte[] bytes) {
    try {
      return DECODER.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new UndecodableRecordException(e.getClass().getSimpleName());
    }
  }
}
