package org.qianhe.paper;

import java.util.List;
import java.util.Map;
import org.qianhe.model.Finding;

/**
 * One page read: every field with its value, confidence and status; the model's findings on the
 * record the fields make; the decision, and why when it is REVIEW; the evidence images.
 *
 * @param fields     by the form template's field and tick group names, in template order
 * @param findings   the model's validation findings (errors send the page to review; warnings are kept)
 * @param confidence the page's OCR confidence: the lowest of its fields (0-1), for the record's lineage
 */
public record PageResult(String file, int page, Decision decision, List<ReviewReason> reviewReasons,
    Map<String, FieldResult> fields, List<Finding> findings, double confidence, ScanGeometry geometry,
    PageEvidence evidence) {

  public PageResult {
    reviewReasons = List.copyOf(reviewReasons);
    fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    findings = List.copyOf(findings);
  }

  public String value(String field) {
    FieldResult result = fields.get(field);
    return result == null ? "" : result.value();
  }

  public boolean accepted() {
    return decision == Decision.ACCEPT;
  }

  @Override
  public String toString() {
    return "PageResult[" + org.qianhe.paper.scan.SafeNames.forLog(file) + "#" + page + " " + decision + " " + reviewReasons + ", " + fields.values() + "]";
  }
}
