package org.qianhe.search.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.EvidenceKind;
import org.qianhe.search.SearchFixture;
import org.qianhe.search.SearchFixtureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The CLI against the running service, as a script would use it. */
@ExtendWith(SearchFixtureExtension.class)
class CliIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Run(int exit, String out, String err) {}

  @Test
  void traceFollowsEveryPageAndPrintsOneConsentPerLine(SearchFixture f) {
    String site = f.inRegion("4101").get(0).getSiteCode();
    List<String> expected = f.consents().ids(r -> r.getSiteCode().equals(site));

    Run run = run(f, SearchFixture.ZHENGZHOU, "trace", "--site", site, "--size", "2", "--all", "--sort", "-occurredAt");

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> ids = run.out().lines().map(l -> JSON.readTree(l).path("consentId").asString()).toList();
    assertThat(ids).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
    assertThat(run.err()).contains(expected.size() + " of " + expected.size() + " consents");
  }

  @Test
  void aChildByIdNumberGoesInTheBody(SearchFixture f) {
    ConsentRecord record = f.consents().records().get(2);
    String childId = f.consents().uploadOf(record).getChild().getIdNumber();

    Run run = run(f, SearchFixture.PROVINCE, "trace", "--child-id", childId);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().lines().count()).isEqualTo(f.consents().ids(r -> r.getChild().getKey()
        .equals(record.getChild().getKey())).size());
    assertThat(f.audit(1).get(0).summary()).isEqualTo("childKey=" + record.getChild().getKey());
  }

  @Test
  void exportWritesTheWholeCsvToAFileWithinTheScope(SearchFixture f, @TempDir Path dir) throws Exception {
    Path csv = dir.resolve("all.csv");

    Run run = run(f, SearchFixture.LUOYANG, "export", "--from", "2025-01-01", "--to", "2025-12-31", "-o", csv.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(1 + f.inRegion("4103").size());
    assertThat(run.err()).contains("exported " + f.inRegion("4103").size() + " of " + f.inRegion("4103").size());
    assertThat(dir.resolve("all.csv.part")).doesNotExist();
  }

  @Test
  void statsAndShowPrintJson(SearchFixture f) {
    ConsentRecord record = f.inRegion("4101").get(0);

    Run stats = run(f, SearchFixture.ZHENGZHOU, "stats", "--region", "4101");
    Run show = run(f, SearchFixture.ZHENGZHOU, "show", record.getConsentId());

    assertThat(JSON.readTree(stats.out()).path("total").asLong()).isEqualTo(f.inRegion("4101").size());
    assertThat(JSON.readTree(show.out()).path("lotNumber").asString()).isEqualTo(record.getVaccination().getLotNumber());
  }

  @Test
  void unmaskNeedsATraceOfficerAndSaysWhyNot(SearchFixture f) {
    ConsentRecord record = f.inRegion("4101").get(3);

    Run refused = run(f, SearchFixture.ZHENGZHOU, "unmask", record.getConsentId(), "--reason", "scripted complaint check");
    Run revealed = run(f, SearchFixture.OFFICER, "unmask", record.getConsentId(), "--reason", "scripted complaint check");

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("refused (403): Your roles do not allow this request.");
    assertThat(revealed.exit()).isZero();
    JsonNode identity = JSON.readTree(revealed.out());
    assertThat(identity.path("child").path("idNumber").asString())
        .isEqualTo(f.consents().uploadOf(record).getChild().getIdNumber());
  }

  @Test
  void evidenceIsWrittenAsAWatermarkedImageForATraceOfficerOnly(SearchFixture f, @TempDir Path dir) throws Exception {
    ConsentRecord record = f.withPhoto("4101");
    String photoId = record.getEvidence().stream().filter(e -> e.getKind() == EvidenceKind.PHOTO).findFirst().orElseThrow()
        .getEvidenceId();
    Path image = dir.resolve("photo.jpg");

    Run refused = run(f, SearchFixture.ZHENGZHOU, "evidence", record.getConsentId(), photoId, "--reason",
        "scripted AEFI check", "-o", image.toString());
    assertThat(Files.exists(image)).isFalse();
    Run written = run(f, SearchFixture.OFFICER, "evidence", record.getConsentId(), photoId, "--reason",
        "scripted AEFI check", "-o", image.toString());
    Run unknown = run(f, SearchFixture.OFFICER, "evidence", record.getConsentId(), "0123456789abcdef0123456789abcdef",
        "--reason", "scripted AEFI check", "-o", dir.resolve("none.jpg").toString());

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("refused (403)");
    assertThat(written.exit()).isZero();
    assertThat(written.err()).contains("image/jpeg").contains("watermarked");
    BufferedImage shown = ImageIO.read(image.toFile());
    assertThat(shown.getWidth()).isEqualTo(360);
    assertThat(shown.getHeight()).isGreaterThan(480);
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("(404)").contains("no evidence with this id");
    assertThat(Files.exists(dir.resolve("none.jpg"))).isFalse();
  }

  @Test
  void badInputAndWrongPasswordsAreReportedWithExitCodes(SearchFixture f) {
    Run bad = run(f, SearchFixture.ZHENGZHOU, "trace", "--from", "2025-06-01");
    Run usage = run(f, SearchFixture.ZHENGZHOU, "trace", "--no-such-option");
    Run wrong = run(f, Map.of("QIANHE_SEARCH_URL", f.base(), "QIANHE_SEARCH_USER", SearchFixture.LUOYANG,
        "QIANHE_SEARCH_PASSWORD", "not-it"), "trace", "--lot", "X");

    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("to: is required with from");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("refused (401)");
  }

  private static Run run(SearchFixture f, String user, String... args) {
    return run(f, Map.of("QIANHE_SEARCH_URL", f.base(), "QIANHE_SEARCH_USER", user,
        "QIANHE_SEARCH_PASSWORD", SearchFixture.password(user)), args);
  }

  private static Run run(SearchFixture f, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = SearchCli.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
