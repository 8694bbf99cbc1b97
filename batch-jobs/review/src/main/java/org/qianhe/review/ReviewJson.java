package org.qianhe.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;

/** The JSON of the queue's columns and of the sealed values. Errors never carry the content. */
final class ReviewJson {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private record Ref(String kind, String evidenceId, String digest, String mediaType, long sizeBytes) {}

  private ReviewJson() {}

  static byte[] values(Map<String, String> values) {
    try {
      return JSON.writeValueAsBytes(new LinkedHashMap<>(values));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("values could not be written as JSON");
    }
  }

  static Map<String, String> values(byte[] json) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (IOException e) {
      throw new IllegalStateException("sealed values are not the JSON this queue writes");
    }
  }

  static String strings(List<String> strings) {
    return write(strings);
  }

  static List<String> strings(String json) {
    return read(json, new TypeReference<List<String>>() {});
  }

  static String fields(List<ReviewField> fields) {
    return write(fields);
  }

  static List<ReviewField> fields(String json) {
    return read(json, new TypeReference<List<ReviewField>>() {});
  }

  static String evidence(List<EvidenceRef> refs) {
    return write(refs.stream().map(r -> new Ref(r.getKind().name(), r.getEvidenceId(), r.getDigest(), r.getMediaType(),
        r.getSizeBytes())).toList());
  }

  static List<EvidenceRef> evidence(String json) {
    return read(json, new TypeReference<List<Ref>>() {}).stream()
        .map(r -> EvidenceRef.newBuilder().setKind(EvidenceKind.valueOf(r.kind())).setEvidenceId(r.evidenceId())
            .setDigest(r.digest()).setMediaType(r.mediaType()).setSizeBytes(r.sizeBytes()).build())
        .toList();
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as JSON");
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a review column is not the JSON this queue writes");
    }
  }
}
