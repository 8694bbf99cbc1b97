package org.qianhe.search.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qianhe.model.ConsentRecord;
import org.qianhe.search.SearchFixture;
import org.qianhe.search.SearchFixtureExtension;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** CSV exports streamed from a point in time, in batches of 100 here so that they cross several. */
@ExtendWith(SearchFixtureExtension.class)
class ExportIT {

  private static final String EVERYTHING = "from=2025-01-01&to=2025-12-31";

  @Test
  void exportsEveryMatchingConsentOnceAcrossBatchesAuditedBeforehand(SearchFixture f) {
    long before = f.lastAuditSeq();

    HttpResponse<String> response = f.get(SearchFixture.PROVINCE, "/v1/export.csv?" + EVERYTHING);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
    assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        v -> assertThat(v).startsWith("attachment; filename=\"consents-").endsWith(".csv\""));
    int all = f.consents().records().size();
    assertThat(response.headers().firstValue("X-Total-Count")).hasValue(Integer.toString(all));
    assertThat(response.body()).startsWith("\uFEFFconsentId,occurredAt,");
    List<String> ids = consentIds(response.body());
    assertThat(ids).hasSize(all).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(f.consents().ids(r -> true));
    assertThat(f.auditSince(before)).singleElement().satisfies(r -> {
      assertThat(r.action()).isEqualTo(AuditAction.EXPORT);
      assertThat(r.summary()).isEqualTo("from=2025-01-01 to=2025-12-31");
      assertThat(r.resultCount()).isEqualTo(all);
    });
  }

  @Test
  void rowsAreInTimeOrderWithMaskedPeopleOnly(SearchFixture f) {
    HttpResponse<String> response = f.get(SearchFixture.PROVINCE, "/v1/export.csv?" + EVERYTHING);

    List<String> lines = lines(response.body());
    List<String> times = lines.stream().skip(1).map(l -> l.split(",")[1]).toList();
    assertThat(times).isSortedAccordingTo(java.util.Comparator.comparing(java.time.Instant::parse));
    assertThat(response.body()).doesNotContain("identitySealed").doesNotContain("ciphertext");
    for (String raw : f.consents().rawIdentities()) {
      assertThat(response.body()).doesNotContain(raw);
    }
  }

  @Test
  void anAnalystExportsOnlyTheirOwnRegion(SearchFixture f) {
    HttpResponse<String> response = f.get(SearchFixture.ZHENGZHOU, "/v1/export.csv?" + EVERYTHING);

    List<String> expected = f.inRegion("4101").stream().map(ConsentRecord::getConsentId).toList();
    assertThat(response.headers().firstValue("X-Total-Count")).hasValue(Integer.toString(expected.size()));
    assertThat(consentIds(response.body())).containsExactlyInAnyOrderElementsOf(expected);
    int region = lines(response.body()).get(0).split(",").length > 0
        ? List.of(lines(response.body()).get(0).split(",")).indexOf("regionCode") : -1;
    lines(response.body()).stream().skip(1).forEach(l -> assertThat(l.split(",")[region]).startsWith("4101"));
  }

  @Test
  void theProgressOfAnExportCanBeAskedByItsOwnerOnly(SearchFixture f) {
    String id = UUID.randomUUID().toString();
    String site = f.consents().records().get(0).getSiteCode();

    HttpResponse<String> response = f.get(SearchFixture.PROVINCE, "/v1/export.csv?site=" + site + "&progressId=" + id);
    HttpResponse<String> mine = f.get(SearchFixture.PROVINCE, "/v1/exports/" + id);
    HttpResponse<String> theirs = f.get(SearchFixture.ZHENGZHOU, "/v1/exports/" + id);

    long total = Long.parseLong(response.headers().firstValue("X-Total-Count").orElseThrow());
    JsonNode status = JsonMapper.builder().build().readTree(mine.body());
    assertThat(status.path("total").asLong()).isEqualTo(total);
    assertThat(status.path("written").asLong()).isEqualTo(total);
    assertThat(status.path("done").asBoolean()).isTrue();
    assertThat(status.path("failed").asBoolean()).isFalse();
    assertThat(theirs.statusCode()).isEqualTo(404);
  }

  @Test
  void oneChildsHistoryExportedByCitizenIdInTheBody(SearchFixture f) {
    String childId = f.consents().uploads().get(1).getChild().getIdNumber();
    String key = f.consents().records().get(1).getChild().getKey();
    long before = f.lastAuditSeq();

    HttpResponse<String> response = f.postForm(SearchFixture.PROVINCE, "/v1/export.csv", Map.of("childId", childId));

    assertThat(consentIds(response.body())).containsExactlyInAnyOrderElementsOf(
        f.consents().ids(r -> r.getChild().getKey().equals(key)));
    assertThat(f.auditSince(before)).extracting(AuditRecord::summary).containsExactly("childKey=" + key);
  }

  @Test
  void badParametersAreRefusedBeforeAnythingIsStreamed(SearchFixture f) {
    assertThat(f.get(SearchFixture.PROVINCE, "/v1/export.csv?" + EVERYTHING + "&progressId=x").statusCode()).isEqualTo(400);
    assertThat(f.get(SearchFixture.PROVINCE, "/v1/export.csv?size=10").statusCode()).isEqualTo(400);
  }

  static List<String> lines(String csv) {
    List<String> lines = new ArrayList<>(List.of(csv.replace("\uFEFF", "").split("\r\n")));
    lines.removeIf(String::isEmpty);
    return lines;
  }

  static List<String> consentIds(String csv) {
    return lines(csv).stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
  }
}
