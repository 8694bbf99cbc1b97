package org.qianhe.stream.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.junit.jupiter.api.Test;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.stream.TestConsents;
import org.qianhe.stream.dedup.KeptVaccination;

/** Every type that crosses an operator boundary has a native Flink serializer: no Kryo fallback. */
class FlinkTypesTest {

  @Test
  void consentRecordIsSerializedByAvro() {
    TypeInformation<ConsentRecord> type = TypeInformation.of(ConsentRecord.class);

    assertThat(type).isInstanceOf(AvroTypeInfo.class);
    assertThat(type.createSerializer(new SerializerConfigImpl())).isInstanceOf(AvroSerializer.class);
  }

  @Test
  void carrierRecordsArePojosWithAvroInside() {
    TypeInformation<DecodedConsent> decoded = TypeInformation.of(DecodedConsent.class);

    assertThat(decoded).isInstanceOf(PojoTypeInfo.class);
    PojoTypeInfo<DecodedConsent> pojo = (PojoTypeInfo<DecodedConsent>) decoded;
    assertThat(pojo.getTypeAt(pojo.getFieldIndex("record"))).isInstanceOf(AvroTypeInfo.class);
    assertThat(TypeInformation.of(RawConsent.class)).isInstanceOf(PojoTypeInfo.class);
    assertThat(TypeInformation.of(QuarantinedConsent.class)).isInstanceOf(PojoTypeInfo.class);
    assertThat(TypeInformation.of(DuplicateConsent.class)).isInstanceOf(PojoTypeInfo.class);
    // semantic dedup state
    assertThat(TypeInformation.of(KeptVaccination.class)).isInstanceOf(PojoTypeInfo.class);
    assertThat(TypeInformation.of(IndexAction.class)).isInstanceOf(PojoTypeInfo.class);
  }

  @Test
  void decodedConsentSurvivesFlinksSerializer() throws Exception {
    ConsentRecord record = new TestConsents(5, Instant.parse("2025-03-10T02:00:00Z")).lateUpload();
    byte[] bytes = ConsentRecordCodec.encode(record);
    DecodedConsent consent = new DecodedConsent(record.getConsentId(), bytes, record);
    TypeSerializer<DecodedConsent> serializer =
        TypeInformation.of(DecodedConsent.class).createSerializer(new SerializerConfigImpl());

    DataOutputSerializer out = new DataOutputSerializer(4096);
    serializer.serialize(consent, out);
    DecodedConsent copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

    assertThat(copy.key()).isEqualTo(consent.key());
    assertThat(copy.value()).isEqualTo(bytes);
    assertThat(copy.record()).isEqualTo(record);
  }
}
