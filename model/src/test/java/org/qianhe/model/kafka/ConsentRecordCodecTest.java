package org.qianhe.model.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.Fixtures;
import org.junit.jupiter.api.Test;

class ConsentRecordCodecTest {

  @Test
  void roundTripsARecord() {
    ConsentRecord record = Fixtures.validRecord();

    assertThat(ConsentRecordCodec.decode(ConsentRecordCodec.encode(record))).isEqualTo(record);
  }

  @Test
  void theKafkaValueHoldsNoRawIdentity() {
    String bytes = new String(ConsentRecordCodec.encode(Fixtures.validRecord()), StandardCharsets.UTF_8);

    assertThat(bytes).doesNotContain(Fixtures.CHILD_NAME, Fixtures.CHILD_ID, Fixtures.GUARDIAN_PHONE);
  }

  @Test
  void garbageAndTruncatedRecordsAreUndecodable() {
    byte[] encoded = ConsentRecordCodec.encode(Fixtures.validRecord());

    assertThatThrownBy(() -> ConsentRecordCodec.decode("hello".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UndecodableRecordException.class);
    assertThatThrownBy(() -> ConsentRecordCodec.decode(Arrays.copyOf(encoded, encoded.length / 2)))
        .isInstanceOf(UndecodableRecordException.class);
  }
}
