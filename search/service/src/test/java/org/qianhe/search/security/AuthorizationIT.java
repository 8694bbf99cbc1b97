package org.qianhe.search.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentUpload;
import org.qianhe.search.SearchFixture;
import org.qianhe.search.SearchFixtureExtension;
import org.qianhe.search.UiSession;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An analyst of Zhengzhou (4101) learns nothing about a Luoyang (4103) consent through any
 * endpoint, parameter or export; only a trace officer unmasks, and only within their regions;
 * every refusal is in the audit log.
 */
@ExtendWith(SearchFixtureExtension.class)
class AuthorizationIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ZZ = SearchFixture.ZHENGZHOU;

  /** The Luoyang consent whose every identifier the Zhengzhou analyst tries. */
  private static ConsentRecord luoyang(SearchFixture f) {
    return f.inRegion("4103").get(0);
  }

  @Test
  void noSearchParameterReachesAnotherRegion(SearchFixture f) {
    ConsentRecord other = luoyang(f);
    ConsentUpload upload = f.consents().uploadOf(other);
    List<String> queries = List.of(
        "lot=" + other.getVaccination().getLotNumber(),
        "site=" + other.getSiteCode(),
        "terminal=" + other.getTerminalId(),
        "childKey=" + other.getChild().getKey(),
        "guardianKey=" + other.getGuardian().getKey(),
        "vaccine=" + other.getVaccination().getVaccineCode() + "&from=2025-01-01&to=2025-12-31&size=1000",
        "region=41&size=1000",
        "from=2025-01-01&to=2025-12-31&size=1000&sort=-siteCode",
        "site=" + other.getSiteCode() + "&decision=" + other.getDecision());
    List<String> answers = new ArrayList<>();
    for (String query : queries) {
      JsonNode page = ok(f, ZZ, "/v1/trace?" + query);
      answers.add(page.toString());
      page.path("results").forEach(r -> assertThat(r.path("regionCode").asString()).as(query).startsWith("4101"));
      assertThat(page.path("total").asLong()).as(query).isLessThanOrEqualTo(f.inRegion("4101").size());
    }
    JsonNode byId = JSON.readTree(f.postForm(ZZ, "/v1/trace", Map.of("childId", upload.getChild().getIdNumber())).body());
    assertThat(byId.path("total").asLong()).isZero();
    assertThat(String.join("\n", answers)).doesNotContain(other.getConsentId());
  }

  @Test
  void totalsAndChartsCountOnlyTheAnalystsRegion(SearchFixture f) {
    String lot = f.consents().records().stream().map(r -> r.getVaccination().getLotNumber())
        .filter(l -> f.consents().records().stream().anyMatch(r -> r.getVaccination().getLotNumber().equals(l)
            && r.getRegionCode().startsWith("4101"))
            && f.consents().records().stream().anyMatch(r -> r.getVaccination().getLotNumber().equals(l)
            && !r.getRegionCode().startsWith("4101")))
        .findFirst().orElseThrow();
    long mine = f.consents().records().stream().filter(r -> r.getVaccination().getLotNumber().equals(lot)
        && r.getRegionCode().startsWith("4101")).count();

    assertThat(ok(f, ZZ, "/v1/trace?lot=" + lot).path("total").asLong()).isEqualTo(mine);
    JsonNode stats = ok(f, ZZ, "/v1/trace/stats?lot=" + lot);
    assertThat(stats.path("total").asLong()).isEqualTo(mine);
    stats.path("bySite").forEach(b -> assertThat(b.path("key").asString()).startsWith("4101"));
    JsonNode all = ok(f, ZZ, "/v1/trace/stats?from=2025-01-01&to=2025-12-31");
    assertThat(all.path("total").asLong()).isEqualTo(f.inRegion("4101").size());
  }

  @Test
  void anAnalystWithARegionWithoutConsentsSeesNothingAtAll(SearchFixture f) {
    assertThat(ok(f, SearchFixture.NOBODY, "/v1/trace?from=2025-01-01&to=2025-12-31").path("total").asLong()).isZero();
    assertThat(ok(f, SearchFixture.NOBODY, "/v1/trace/stats?region=41").path("total").asLong()).isZero();
    HttpResponse<String> export = f.get(SearchFixture.NOBODY, "/v1/export.csv?from=2025-01-01&to=2025-12-31");
    assertThat(export.headers().firstValue("X-Total-Count")).hasValue("0");
  }

  @Test
  void aRegionParameterOutsideTheScopeIsRefusedAndAudited(SearchFixture f) {
    long before = f.lastAuditSeq();

    HttpResponse<String> trace = f.get(ZZ, "/v1/trace?region=4103");
    HttpResponse<String> stats = f.get(ZZ, "/v1/trace/stats?region=4103");
    HttpResponse<String> export = f.get(ZZ, "/v1/export.csv?region=4103");

    assertThat(List.of(trace, stats, export)).allSatisfy(r -> {
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.body()).contains("urn:qianhe:problem:region-out-of-scope").doesNotContain("consentId");
    });
    assertThat(f.auditSince(before)).hasSize(3).allSatisfy(r -> {
      assertThat(r.action()).isEqualTo(AuditAction.DENIED);
      assertThat(r.username()).isEqualTo(ZZ);
      assertThat(r.summary()).startsWith("region outside scope: region=4103");
    });
  }

  /** Another region's consent is "not found", exactly as one that does not exist: the answer says nothing about it. */
  @Test
  void aDetailOfAnotherRegionIsNotFoundLikeAnAbsentOne(SearchFixture f) {
    long before = f.lastAuditSeq();

    HttpResponse<String> other = f.get(ZZ, "/v1/consents/" + luoyang(f).getConsentId());
    HttpResponse<String> absent = f.get(ZZ, "/v1/consents/00000000-0000-0000-0000-000000000000");

    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(absent.statusCode()).isEqualTo(404);
    assertThat(other.body().replace(luoyang(f).getConsentId(), "X"))
        .isEqualTo(absent.body().replace("00000000-0000-0000-0000-000000000000", "X"));
    assertThat(f.auditSince(before)).hasSize(2).allSatisfy(r -> {
      assertThat(r.action()).isEqualTo(AuditAction.VIEW);
      assertThat(r.resultCount()).isZero();
    });
  }

  @Test
  void anExportOfAnotherRegionsSiteIsEmpty(SearchFixture f) {
    HttpResponse<String> export = f.get(ZZ, "/v1/export.csv?site=" + luoyang(f).getSiteCode());

    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("X-Total-Count")).hasValue("0");
    assertThat(export.body().strip().split("\r\n")).hasSize(1);
  }

  @Test
  void theWebUiShowsNothingOfAnotherRegion(SearchFixture f) {
    UiSession ui = UiSession.login(f, ZZ);
    ConsentRecord other = luoyang(f);

    HttpResponse<String> search = ui.get("/search?site=" + other.getSiteCode());
    HttpResponse<String> detail = ui.get("/consents/" + other.getConsentId());

    assertThat(search.body()).contains("id=\"no-results\"").doesNotContain(other.getConsentId());
    assertThat(detail.body()).contains("id=\"not-found\"").doesNotContain(other.getChild().getKey());
  }

  @Test
  void anAnalystCannotUnmaskThroughTheApiOrTheUiAndIsAudited(SearchFixture f) {
    ConsentRecord mine = f.inRegion("4101").get(0);
    long before = f.lastAuditSeq();

    HttpResponse<String> api = f.postForm(ZZ, "/v1/consents/" + mine.getConsentId() + "/unmask",
        Map.of("reason", "I would like to know who this is"));
    UiSession ui = UiSession.login(f, ZZ);
    HttpResponse<String> form = ui.post("/consents/" + mine.getConsentId() + "/unmask", "/consents/" + mine.getConsentId(),
        Map.of("reason", "I would like to know who this is"));

    assertThat(api.statusCode()).isEqualTo(403);
    assertThat(form.statusCode()).isEqualTo(403);
    String raw = f.consents().uploadOf(mine).getChild().getName();
    assertThat(api.body()).doesNotContain(raw);
    assertThat(form.body()).doesNotContain(raw);
    assertThat(f.auditSince(before)).filteredOn(r -> r.action() == AuditAction.DENIED)
        .extracting(AuditRecord::summary)
        .containsExactly("forbidden: POST /v1/consents/" + mine.getConsentId() + "/unmask",
            "forbidden: POST /consents/" + mine.getConsentId() + "/unmask");
    assertThat(f.auditSince(before)).noneMatch(r -> r.action() == AuditAction.UNMASK);
  }

  @Test
  void aReviewerReadsButCannotUnmask(SearchFixture f) {
    ConsentRecord mine = f.inRegion("4101").get(0);

    assertThat(f.get(SearchFixture.REVIEWER, "/v1/consents/" + mine.getConsentId()).statusCode()).isEqualTo(200);
    assertThat(f.postForm(SearchFixture.REVIEWER, "/v1/consents/" + mine.getConsentId() + "/unmask",
        Map.of("reason", "reviewing the paper migration")).statusCode()).isEqualTo(403);
  }

  @Test
  void aTraceOfficerUnmasksWithAReasonOnlyWithinTheirRegions(SearchFixture f) {
    ConsentRecord mine = f.inRegion("4101").get(1);
    ConsentUpload upload = f.consents().uploadOf(mine);
    long before = f.lastAuditSeq();

    HttpResponse<String> noReason = f.postForm(SearchFixture.OFFICER, "/v1/consents/" + mine.getConsentId() + "/unmask", Map.of());
    HttpResponse<String> otherRegion = f.postForm(SearchFixture.OFFICER, "/v1/consents/" + luoyang(f).getConsentId() + "/unmask",
        Map.of("reason", "complaint 2025-17 from the guardian"));
    HttpResponse<String> revealed = f.postForm(SearchFixture.OFFICER, "/v1/consents/" + mine.getConsentId() + "/unmask",
        Map.of("reason", "complaint 2025-17 from the guardian"));

    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noReason.body()).path("parameter").asString()).isEqualTo("reason");
    assertThat(otherRegion.statusCode()).isEqualTo(404);
    assertThat(otherRegion.body()).doesNotContain(f.consents().uploadOf(luoyang(f)).getChild().getName());
    assertThat(revealed.statusCode()).isEqualTo(200);
    assertThat(revealed.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    JsonNode identity = JSON.readTree(revealed.body());
    assertThat(identity.path("child").path("name").asString()).isEqualTo(upload.getChild().getName());
    assertThat(identity.path("child").path("idNumber").asString()).isEqualTo(upload.getChild().getIdNumber());
    assertThat(identity.path("guardian").path("phone").asString()).isEqualTo(upload.getGuardian().getPhone());
    List<AuditRecord> rows = f.auditSince(before);
    assertThat(rows).extracting(AuditRecord::action).containsExactly(AuditAction.DENIED, AuditAction.DENIED, AuditAction.UNMASK);
    assertThat(rows.get(0).summary()).isEqualTo("unmask refused: no reason stated");
    assertThat(rows.get(1).summary()).isEqualTo("unmask refused: no such consent in scope");
    assertThat(rows.get(2).reason()).isEqualTo("complaint 2025-17 from the guardian");
    assertThat(rows.get(2).target()).isEqualTo(mine.getConsentId());
    for (AuditRecord r : rows) {
      assertThat(r.summary() + r.reason()).doesNotContain(upload.getChild().getName()).doesNotContain(upload.getChild().getIdNumber());
    }
  }

  private static JsonNode ok(SearchFixture f, String user, String path) {
    HttpResponse<String> response = f.get(user, path);
    assertThat(response.statusCode()).as(path + " answered " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
