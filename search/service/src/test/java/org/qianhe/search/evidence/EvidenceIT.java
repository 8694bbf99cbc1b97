package org.qianhe.search.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.Source;
import org.qianhe.search.SearchFixture;
import org.qianhe.search.SearchFixtureExtension;
import org.qianhe.search.TestScans;
import org.qianhe.search.UiSession;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditRecord;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Viewing a consent's evidence against the real evidence store (written by the fixture with
 * ingest's library) and the real index: only a trace officer with a reason, only in scope,
 * decrypted on demand, watermarked, never the stored bytes, audited before the answer.
 */
@ExtendWith(SearchFixtureExtension.class)
class EvidenceIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String REASON = "AEFI case 2025-0617: check the photo";

  @Test
  void aTraceOfficerSeesThePhotoWatermarkedAfterStatingAReason(SearchFixture f) throws IOException {
    ConsentRecord record = f.withPhoto("4101");
    EvidenceItem photo = item(f, record, EvidenceKind.PHOTO);
    long before = f.lastAuditSeq();

    HttpResponse<byte[]> response = view(f, SearchFixture.OFFICER, record, photo.ref().getEvidenceId(), REASON);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    assertThat(response.body()).isNotEqualTo(photo.data());
    BufferedImage original = ImageIO.read(new ByteArrayInputStream(photo.data()));
    BufferedImage shown = ImageIO.read(new ByteArrayInputStream(response.body()));
    assertThat(shown.getWidth()).isEqualTo(original.getWidth());
    assertThat(shown.getHeight()).as("a band with viewer and time below the picture").isGreaterThan(original.getHeight());
    assertThat(Pixels.changedShare(original, shown)).as("the text tiled over the picture").isGreaterThan(0.02);
    assertThat(Pixels.darkShare(shown, original.getHeight())).as("the band").isGreaterThan(0.5);
    List<AuditRecord> rows = f.auditSince(before);
    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(r.action()).isEqualTo(AuditAction.EVIDENCE_VIEW);
      assertThat(r.username()).isEqualTo(SearchFixture.OFFICER);
      assertThat(r.target()).isEqualTo(record.getConsentId());
      assertThat(r.reason()).isEqualTo(REASON);
      assertThat(r.summary()).isEqualTo("evidence viewed: PHOTO " + photo.ref().getEvidenceId());
    });
  }

  @Test
  void theFingerprintIsShownAsADrawingNeverAsTheTemplate(SearchFixture f) throws IOException {
    ConsentRecord record = f.withPhoto("4101");
    EvidenceItem fingerprint = item(f, record, EvidenceKind.FINGERPRINT);

    HttpResponse<byte[]> response = view(f, SearchFixture.OFFICER, record, fingerprint.ref().getEvidenceId(), REASON);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(new String(response.body(), 0, 4, StandardCharsets.ISO_8859_1)).isNotEqualTo("FMR\0");
    assertThat(indexOf(response.body(), java.util.Arrays.copyOfRange(fingerprint.data(), 24, 48)))
        .as("no run of the template's minutiae in the answer").isEqualTo(-1);
    BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(response.body()));
    assertThat(drawn.getWidth()).as("two finger views of 400 pixels side by side").isEqualTo(800);
  }

  @Test
  void aPaperConsentShowsItsScanPageAndSignature(SearchFixture f) throws IOException {
    ConsentRecord paper = f.consents().records().stream().filter(r -> r.getSource() == Source.PAPER_SCAN).findFirst().orElseThrow();
    EvidenceItem scan = item(f, paper, EvidenceKind.SCAN);
    EvidenceItem signature = item(f, paper, EvidenceKind.SIGNATURE);

    HttpResponse<byte[]> page = view(f, SearchFixture.HENAN_OFFICER, paper, scan.ref().getEvidenceId(), REASON);
    HttpResponse<byte[]> signed = view(f, SearchFixture.HENAN_OFFICER, paper, signature.ref().getEvidenceId(), REASON);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    BufferedImage shown = ImageIO.read(new ByteArrayInputStream(page.body()));
    assertThat(shown.getWidth()).isEqualTo(TestScans.WIDTH);
    assertThat(shown.getHeight()).isGreaterThan(TestScans.HEIGHT);
    assertThat(signed.statusCode()).isEqualTo(200);
    assertThat(signed.headers().firstValue("Content-Type")).hasValue("image/png");
  }

  @Test
  void analystsAndReviewersAreRefusedAndEachRefusalIsAudited(SearchFixture f) {
    ConsentRecord record = f.withPhoto("4101");
    String photoId = item(f, record, EvidenceKind.PHOTO).ref().getEvidenceId();
    String path = "/v1/consents/" + record.getConsentId() + "/evidence/" + photoId;
    long before = f.lastAuditSeq();

    HttpResponse<byte[]> analyst = view(f, SearchFixture.ZHENGZHOU, record, photoId, REASON);
    HttpResponse<byte[]> reviewer = view(f, SearchFixture.REVIEWER, record, photoId, REASON);
    UiSession ui = UiSession.login(f, SearchFixture.ZHENGZHOU);
    HttpResponse<String> form = ui.post("/consents/" + record.getConsentId() + "/evidence", "/consents/" + record.getConsentId(),
        Map.of("reason", REASON));

    assertThat(analyst.statusCode()).isEqualTo(403);
    assertThat(reviewer.statusCode()).isEqualTo(403);
    assertThat(form.statusCode()).isEqualTo(403);
    assertThat(form.body()).doesNotContain("data:image");
    assertThat(f.auditSince(before)).filteredOn(r -> r.action() == AuditAction.DENIED)
        .extracting(AuditRecord::username, AuditRecord::summary)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SearchFixture.ZHENGZHOU, "forbidden: POST " + path),
            org.assertj.core.groups.Tuple.tuple(SearchFixture.REVIEWER, "forbidden: POST " + path),
            org.assertj.core.groups.Tuple.tuple(SearchFixture.ZHENGZHOU, "forbidden: POST /consents/" + record.getConsentId() + "/evidence"));
    assertThat(f.auditSince(before)).noneMatch(r -> r.action() == AuditAction.EVIDENCE_VIEW);
  }

  @Test
  void withoutAReasonOrOutsideTheScopeNothingIsShownAndTheRefusalIsAudited(SearchFixture f) {
    ConsentRecord mine = f.withPhoto("4101");
    ConsentRecord luoyang = f.withPhoto("4103");
    String mineId = item(f, mine, EvidenceKind.PHOTO).ref().getEvidenceId();
    String luoyangId = item(f, luoyang, EvidenceKind.PHOTO).ref().getEvidenceId();
    long before = f.lastAuditSeq();

    HttpResponse<byte[]> noReason = view(f, SearchFixture.OFFICER, mine, mineId, "  short  ");
    HttpResponse<byte[]> otherRegion = view(f, SearchFixture.OFFICER, luoyang, luoyangId, REASON);
    HttpResponse<byte[]> unknownItem = view(f, SearchFixture.OFFICER, mine, "0123456789abcdef0123456789abcdef", REASON);

    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(problem(noReason).path("parameter").asString()).isEqualTo("reason");
    assertThat(otherRegion.statusCode()).isEqualTo(404);
    assertThat(problem(otherRegion).path("type").asString()).isEqualTo("urn:qianhe:problem:consent-not-found");
    assertThat(unknownItem.statusCode()).isEqualTo(404);
    assertThat(problem(unknownItem).path("type").asString()).isEqualTo("urn:qianhe:problem:evidence-not-found");
    List<AuditRecord> rows = f.auditSince(before);
    assertThat(rows).extracting(AuditRecord::action).containsOnly(AuditAction.DENIED);
    assertThat(rows).extracting(AuditRecord::summary).containsExactly(
        "evidence view refused: no reason stated",
        "evidence view refused: no such consent in scope",
        "evidence view refused: no such evidence of the consent");
    assertThat(rows.get(1).target()).isEqualTo(luoyang.getConsentId());
    assertThat(rows.get(1).reason()).isEqualTo(REASON);
  }

  @Test
  void evidenceTheStoreDoesNotHoldIsNotFoundAndTheAttemptIsAudited(SearchFixture f) {
    ConsentRecord lost = f.withoutStoredEvidence();
    String photoId = item(f, lost, EvidenceKind.PHOTO).ref().getEvidenceId();
    long before = f.lastAuditSeq();

    HttpResponse<byte[]> response = view(f, SearchFixture.OFFICER, lost, photoId, REASON);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(problem(response).path("type").asString()).isEqualTo("urn:qianhe:problem:evidence-not-stored");
    assertThat(f.auditSince(before)).singleElement().satisfies(r -> {
      assertThat(r.action()).isEqualTo(AuditAction.DENIED);
      assertThat(r.summary()).isEqualTo("evidence view failed: not in the evidence store");
    });
  }

  @Test
  void whenTheAuditLogCannotBeWrittenNoEvidenceIsShown(SearchFixture f) throws Exception {
    ConsentRecord record = f.withPhoto("4101");
    String photoId = item(f, record, EvidenceKind.PHOTO).ref().getEvidenceId();
    ddl(f, "ALTER TABLE search_audit_head RENAME TO search_audit_head_away");
    HttpResponse<byte[]> response;
    try {
      response = view(f, SearchFixture.OFFICER, record, photoId, REASON);
    } finally {
      ddl(f, "ALTER TABLE search_audit_head_away RENAME TO search_audit_head");
    }

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(problem(response).path("type").asString()).isEqualTo("urn:qianhe:problem:audit-unavailable");
    assertThat(view(f, SearchFixture.OFFICER, record, photoId, REASON).statusCode()).isEqualTo(200);
  }

  @Test
  void theDetailPageShowsEveryItemInlineAfterAReasonAndNothingBefore(SearchFixture f) {
    ConsentRecord record = f.withPhoto("4101");
    UiSession officer = UiSession.login(f, SearchFixture.OFFICER);
    String detail = "/consents/" + record.getConsentId();

    HttpResponse<String> before = officer.get(detail);
    HttpResponse<String> shown = officer.post(detail + "/evidence", detail, Map.of("reason", REASON));

    assertThat(before.body()).contains("id=\"evidence-form\"").doesNotContain("data:image");
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    assertThat(shown.body()).contains("id=\"evidence-PHOTO\"").contains("id=\"evidence-FINGERPRINT\"")
        .contains("src=\"data:image/jpeg;base64,").contains("src=\"data:image/png;base64,");
  }

  @Test
  void healthReportsTheEvidenceStore(SearchFixture f) {
    Health health = f.app().getBean("evidenceStore", HealthIndicator.class).health(true);

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails().get("root").toString()).endsWith("/evidence/");
  }

  static EvidenceItem item(SearchFixture f, ConsentRecord record, EvidenceKind kind) {
    return f.consents().evidence().get(record.getConsentId()).stream().filter(i -> i.ref().getKind() == kind)
        .findFirst().orElseThrow();
  }

  private static HttpResponse<byte[]> view(SearchFixture f, String user, ConsentRecord record, String evidenceId, String reason) {
    return f.postFormForBytes(user, "/v1/consents/" + record.getConsentId() + "/evidence/" + evidenceId, Map.of("reason", reason));
  }

  private static JsonNode problem(HttpResponse<byte[]> response) {
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    return JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void ddl(SearchFixture f, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(f.jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
