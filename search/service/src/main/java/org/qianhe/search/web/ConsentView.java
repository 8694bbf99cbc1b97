package org.qianhe.search.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.qianhe.model.validation.ConsentValidator;

/**
 * A masked consent document as the pages show it: times on the clinics' clock, nested fields
 * reachable by name, and the signature's state in words the page can translate.
 */
public record ConsentView(Map<String, Object> doc) {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ConsentValidator.CLINIC_ZONE);

  static List<ConsentView> of(List<Map<String, Object>> docs) {
    return docs.stream().map(ConsentView::new).toList();
  }

  public Object get(String field) {
    return doc.get(field);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> child() {
    return (Map<String, Object>) doc.getOrDefault("child", Map.of());
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> guardian() {
    return (Map<String, Object>) doc.getOrDefault("guardian", Map.of());
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> paper() {
    return (Map<String, Object>) doc.get("paper");
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> signature() {
    return (Map<String, Object>) doc.get("signature");
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> screening() {
    return (List<Map<String, Object>>) doc.getOrDefault("screening", List.of());
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> evidence() {
    return (List<Map<String, Object>>) doc.getOrDefault("evidence", List.of());
  }

  public String occurredAt() {
    return time("occurredAt");
  }

  public String receivedAt() {
    return time("receivedAt");
  }

  /** PAPER (no terminal signature), SIGNED (present; verifying it against the terminal's key is not done here yet) or UNSIGNED. */
  public String signatureState() {
    if ("PAPER_SCAN".equals(doc.get("source"))) {
      return "PAPER";
    }
    return signature() == null ? "UNSIGNED" : "SIGNED";
  }

  private String time(String field) {
    Object value = doc.get(field);
    return value == null ? "" : TIME.format(Instant.parse(value.toString()));
  }
}
