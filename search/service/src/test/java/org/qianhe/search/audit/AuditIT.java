package org.qianhe.search.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qianhe.search.SearchFixture;
import org.qianhe.search.SearchFixtureExtension;
import org.qianhe.search.UiSession;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit log inside the running service: append-only there too, and no audit row, no answer. */
@ExtendWith(SearchFixtureExtension.class)
class AuditIT {

  @Test
  void theServicesOwnMigrationsMadeTheLogAppendOnly(SearchFixture f) {
    f.get(SearchFixture.PROVINCE, "/v1/trace?lot=ANY");
    JdbcClient jdbc = f.app().getBean(JdbcClient.class);

    assertThatExceptionOfType(DataAccessException.class)
        .isThrownBy(() -> jdbc.sql("DELETE FROM search_audit_log").update())
        .withMessageContaining("append-only");
  }

  @Test
  void whenTheAuditLogCannotBeWrittenTheAnswerIsWithheld(SearchFixture f) throws Exception {
    String lot = f.consents().records().get(0).getVaccination().getLotNumber();
    ddl(f, "ALTER TABLE search_audit_head RENAME TO search_audit_head_away");
    HttpResponse<String> response;
    try {
      response = f.get(SearchFixture.PROVINCE, "/v1/trace?lot=" + lot);
    } finally {
      ddl(f, "ALTER TABLE search_audit_head_away RENAME TO search_audit_head");
    }

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode problem = JsonMapper.builder().build().readTree(response.body());
    assertThat(problem.path("type").asString()).isEqualTo("urn:qianhe:problem:audit-unavailable");
    assertThat(response.body()).doesNotContain(f.consents().records().get(0).getConsentId()).doesNotContain("results");
    assertThat(f.get(SearchFixture.PROVINCE, "/v1/trace?lot=" + lot).statusCode()).isEqualTo(200);
  }

  @Test
  void anAdministratorVerifiesTheChainAndTheCheckIsRecorded(SearchFixture f) {
    f.get(SearchFixture.ZHENGZHOU, "/v1/trace?lot=ANY");

    HttpResponse<String> response = f.get(SearchFixture.ADMIN, "/v1/admin/audit/verify");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode report = JsonMapper.builder().build().readTree(response.body());
    assertThat(report.path("intact").asBoolean()).isTrue();
    assertThat(report.path("rowsChecked").asLong()).isPositive();
    assertThat(f.audit(1)).singleElement().satisfies(r -> {
      assertThat(r.action()).isEqualTo(AuditAction.ADMIN);
      assertThat(r.username()).isEqualTo(SearchFixture.ADMIN);
      assertThat(r.summary()).isEqualTo("audit chain verified: intact");
    });
  }

  @Test
  void anAdministratorAsksWhatRetentionWouldRemoveAndOnlyAnAdministratorMay(SearchFixture f) {
    f.get(SearchFixture.ZHENGZHOU, "/v1/trace?lot=ANY");
    long before = f.lastAuditSeq();

    HttpResponse<String> refused = f.postForm(SearchFixture.PROVINCE, "/v1/admin/audit/retention", java.util.Map.of("apply", "true"));
    HttpResponse<String> dryRun = f.postForm(SearchFixture.ADMIN, "/v1/admin/audit/retention", java.util.Map.of());

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(dryRun.statusCode()).isEqualTo(200);
    JsonNode report = JsonMapper.builder().build().readTree(dryRun.body());
    assertThat(report.path("applied").asBoolean()).isFalse();
    assertThat(report.path("retention").asString()).isEqualTo("P3Y");
    // every row of this fixture was written just now: none is due
    assertThat(report.path("rows").asLong()).isZero();
    assertThat(f.auditSince(before)).extracting(AuditRecord::action, AuditRecord::username)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditAction.DENIED, SearchFixture.PROVINCE),
            org.assertj.core.groups.Tuple.tuple(AuditAction.ADMIN, SearchFixture.ADMIN));
    assertThat(f.get(SearchFixture.ADMIN, "/v1/admin/audit/verify").body()).contains("\"intact\":true");
  }

  @Test
  void anAdministratorReadsTheNewestRows(SearchFixture f) {
    f.get(SearchFixture.LUOYANG, "/v1/trace?lot=READ-ME");

    HttpResponse<String> response = f.get(SearchFixture.ADMIN, "/v1/admin/audit?limit=5&user=" + SearchFixture.LUOYANG);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode rows = JsonMapper.builder().build().readTree(response.body());
    assertThat(rows.get(0).path("summary").asString()).isEqualTo("lot=READ-ME");
    assertThat(rows.get(0).path("rowHash").asString()).hasSize(64);
  }

  @Test
  void theAdminPageListsTheLogAndVerifiesTheChain(SearchFixture f) {
    f.get(SearchFixture.ZHENGZHOU, "/v1/trace?lot=ON-THE-PAGE");
    UiSession admin = UiSession.login(f, SearchFixture.ADMIN);

    HttpResponse<String> page = admin.get("/admin/audit");
    HttpResponse<String> verified = admin.post("/admin/audit/verify", "/admin/audit", java.util.Map.of());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("lot=ON-THE-PAGE").contains(SearchFixture.ZHENGZHOU);
    assertThat(verified.statusCode()).isEqualTo(200);
    assertThat(verified.body()).contains("id=\"chain-report\"").contains("class=\"ok\"");
  }

  @Test
  void readersCannotOpenTheAdminPages(SearchFixture f) {
    UiSession reader = UiSession.login(f, SearchFixture.PROVINCE);
    long before = f.lastAuditSeq();

    assertThat(reader.get("/admin/audit").statusCode()).isEqualTo(403);
    assertThat(f.auditSince(before)).singleElement().satisfies(r -> {
      assertThat(r.action()).isEqualTo(AuditAction.DENIED);
      assertThat(r.summary()).isEqualTo("forbidden: GET /admin/audit");
    });
  }

  private static void ddl(SearchFixture f, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(f.jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
