package org.qianhe.search.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentUpload;
import org.qianhe.search.SearchFixture;
import org.qianhe.search.SearchFixtureExtension;
import org.qianhe.search.TestReviews;
import org.qianhe.search.TestScans;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditRecord;

/** The web UI in real headless Chromium: login, search, detail, unmask and evidence with a reason, paper review, export, admin. */
@ExtendWith(SearchFixtureExtension.class)
class BrowserIT {

  private static Browser browser;
  private static Path downloads;

  @BeforeAll
  static void startChromium(SearchFixture f) throws IOException {
    downloads = Files.createTempDirectory("qianhe-downloads");
    browser = new Browser(f.base(), downloads);
  }

  @AfterAll
  static void stopChromium() throws IOException {
    if (browser != null) {
      browser.close();
    }
    try (Stream<Path> files = Files.walk(downloads)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @AfterEach
  void signOut() {
    browser.logout();
  }

  @Test
  void anAnalystLogsInSearchesALotAndOpensADetailOfTheirRegionOnly(SearchFixture f) {
    String lot = lotInTwoRegions(f);
    browser.login(SearchFixture.ZHENGZHOU, SearchFixture.password(SearchFixture.ZHENGZHOU));
    assertThat(browser.url()).endsWith("/search");
    assertThat(browser.byId("scope").getText()).contains("4101");

    browser.byId("f-lot").sendKeys(lot);
    browser.byId("search-submit").click();
    browser.byId("results");

    List<String> expected = f.consents().ids(r -> r.getVaccination().getLotNumber().equals(lot)
        && r.getRegionCode().startsWith("4101"));
    List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr.result"));
    assertThat(rows).extracting(r -> r.getAttribute("data-consent-id")).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(rows).extracting(r -> r.findElement(By.className("region")).getText()).allMatch(c -> c.startsWith("4101"));
    assertThat(browser.byId("total").getText()).contains(Integer.toString(expected.size()));
    assertThat(browser.driver().findElements(By.cssSelector("#charts svg rect.bar"))).isNotEmpty();

    rows.get(0).findElement(By.className("detail-link")).click();
    browser.byId("record");
    ConsentRecord record = byId(f, browser.byId("consent-id").getText());
    assertThat(browser.byId("notice-version").getText()).isEqualTo(record.getNotice().getVersion());
    assertThat(browser.byId("notice-digest").getText()).isEqualTo(record.getNotice().getDigest());
    assertThat(browser.driver().findElements(By.id("unmask-form"))).as("an analyst may not unmask").isEmpty();
    assertNoRawIdentity(f, browser.driver().getPageSource());
  }

  /** The ID is typed into a POST form; the browser only ever sees a URL with its blind-index key. */
  @Test
  void oneChildsHistoryByCitizenIdNeverPutsTheIdInAUrl(SearchFixture f) {
    ConsentRecord record = f.consents().records().get(0);
    String childId = f.consents().uploadOf(record).getChild().getIdNumber();
    browser.login(SearchFixture.PROVINCE, SearchFixture.password(SearchFixture.PROVINCE));

    browser.byId("f-childId").sendKeys(childId);
    browser.byId("search-submit").click();
    browser.byId("results");

    assertThat(browser.url()).contains("childKey=" + record.getChild().getKey()).doesNotContain(childId);
    assertThat(browser.driver().findElements(By.cssSelector("tr.result")))
        .extracting(r -> r.getAttribute("data-consent-id"))
        .containsExactlyInAnyOrderElementsOf(f.consents().ids(r -> r.getChild().getKey().equals(record.getChild().getKey())));
    assertThat(browser.driver().getPageSource()).doesNotContain(childId);
  }

  @Test
  void aTraceOfficerRevealsAnIdentityOnlyAfterStatingAReason(SearchFixture f) {
    ConsentRecord record = f.inRegion("4101").get(0);
    ConsentUpload upload = f.consents().uploadOf(record);
    browser.login(SearchFixture.OFFICER, SearchFixture.password(SearchFixture.OFFICER));
    browser.open("/consents/" + record.getConsentId());
    long before = f.lastAuditSeq();

    browser.byId("unmask-reason").sendKeys("短");
    browser.byId("unmask-submit").click();
    assertThat(browser.byId("problem").getText()).contains("reason");
    assertThat(browser.driver().findElements(By.id("identity"))).isEmpty();

    String reason = "AEFI 调查：疑似不良反应报告 2025-0617";
    browser.byId("unmask-reason").sendKeys(reason);
    browser.byId("unmask-submit").click();

    assertThat(browser.byId("child-name").getText()).isEqualTo(upload.getChild().getName());
    assertThat(browser.byId("child-id").getText()).isEqualTo(upload.getChild().getIdNumber());
    assertThat(browser.byId("guardian-phone").getText()).isEqualTo(upload.getGuardian().getPhone());
    List<AuditRecord> rows = f.auditSince(before);
    assertThat(rows).extracting(AuditRecord::action).contains(AuditAction.DENIED, AuditAction.UNMASK);
    assertThat(rows).filteredOn(r -> r.action() == AuditAction.UNMASK).singleElement().satisfies(r -> {
      assertThat(r.username()).isEqualTo(SearchFixture.OFFICER);
      assertThat(r.target()).isEqualTo(record.getConsentId());
      assertThat(r.reason()).isEqualTo(reason);
    });
  }

  @Test
  void aTraceOfficerViewsTheWatermarkedPhotoAfterStatingAReason(SearchFixture f) {
    ConsentRecord record = f.withPhoto("4101");
    browser.login(SearchFixture.OFFICER, SearchFixture.password(SearchFixture.OFFICER));
    browser.open("/consents/" + record.getConsentId());
    assertThat(browser.driver().findElements(By.cssSelector("#evidence img"))).as("no image before a reason").isEmpty();
    long before = f.lastAuditSeq();

    String reason = "AEFI 调查：核对接种时拍摄的照片";
    browser.byId("evidence-reason").sendKeys(reason);
    browser.byId("evidence-submit").click();

    WebElement photo = browser.byId("evidence-PHOTO").findElement(By.tagName("img"));
    browser.waitFor(d -> (Boolean) browser.script("return arguments[0].complete", photo));
    long width = (Long) browser.script("return arguments[0].naturalWidth", photo);
    long height = (Long) browser.script("return arguments[0].naturalHeight", photo);
    assertThat(width).as("decoded by the browser at the photo's width").isEqualTo(360);
    assertThat(height).as("with the watermark band below").isGreaterThan(480);
    assertThat(photo.getAttribute("src")).startsWith("data:image/jpeg;base64,");
    assertThat(browser.byId("evidence-FINGERPRINT").findElement(By.tagName("img")).getAttribute("src"))
        .startsWith("data:image/png;base64,");
    assertThat(browser.driver().findElements(By.id("evidence-form"))).isEmpty();
    assertThat(f.auditSince(before)).filteredOn(r -> r.action() == AuditAction.EVIDENCE_VIEW).singleElement()
        .satisfies(r -> {
          assertThat(r.username()).isEqualTo(SearchFixture.OFFICER);
          assertThat(r.target()).isEqualTo(record.getConsentId());
          assertThat(r.reason()).isEqualTo(reason);
        });
  }

  @Test
  void aReviewerCorrectsALotNumberBesideTheScanAndApprovesThePage(SearchFixture f) throws Exception {
    TestReviews reviews = new TestReviews(f);
    String consentId = reviews.pending("410105");
    browser.login(SearchFixture.REVIEWER, SearchFixture.password(SearchFixture.REVIEWER));

    browser.byId("nav-review").click();
    browser.driver().findElement(By.cssSelector("tr.review-item[data-consent-id='" + consentId + "'] a.review-link")).click();

    WebElement scan = browser.byId("scan-SCAN").findElement(By.tagName("img"));
    browser.waitFor(d -> (Boolean) browser.script("return arguments[0].complete", scan));
    assertThat((Long) browser.script("return arguments[0].naturalWidth", scan)).isEqualTo(TestScans.WIDTH);
    assertThat(browser.driver().findElement(By.cssSelector("tr[data-field='lotNumber']")).getAttribute("class")).contains("doubtful");
    assertThat(browser.driver().getPageSource()).doesNotContain(TestReviews.CHILD_ID).doesNotContain(TestReviews.GUARDIAN_PHONE);
    WebElement lot = browser.byId("value-lotNumber");
    assertThat(lot.getAttribute("value")).isEqualTo(TestReviews.LOT_READ);
    lot.clear();
    lot.sendKeys("202405B13");
    browser.byId("approve-submit").click();

    assertThat(browser.byId("decided").getAttribute("data-decided")).isEqualTo(consentId);
    assertThat(browser.driver().findElements(By.cssSelector("tr.review-item[data-consent-id='" + consentId + "']"))).isEmpty();
    assertThat(reviews.queue().approvedValues(consentId)).containsEntry("lotNumber", "202405B13");
    assertThat(reviews.queue().find(consentId).orElseThrow().correctedFields()).containsExactly("lotNumber");
  }

  @Test
  void anExportDownloadsTheWholeResultAndShowsItsProgress(SearchFixture f) throws Exception {
    String site = f.inRegion("4101").get(0).getSiteCode();
    browser.login(SearchFixture.ZHENGZHOU, SearchFixture.password(SearchFixture.ZHENGZHOU));
    browser.open("/search?site=" + site);
    browser.byId("results");

    browser.byId("export").click();

    List<String> expected = f.consents().ids(r -> r.getSiteCode().equals(site));
    browser.waitFor(ExpectedConditions.attributeToBe(By.id("export-progress"), "data-done-rows",
        Integer.toString(expected.size())));
    Path csv = browser.waitFor(d -> downloaded());
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).startsWith("\uFEFFconsentId,");
    assertThat(lines.stream().skip(1).filter(l -> !l.isEmpty()).map(l -> l.substring(0, l.indexOf(','))))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theUiSpeaksChineseAndSwitchesToEnglish(SearchFixture f) {
    browser.login(SearchFixture.PROVINCE, SearchFixture.password(SearchFixture.PROVINCE));
    assertThat(browser.byId("search-submit").getText()).isEqualTo("检索");

    browser.byId("nav-language").click();
    browser.waitFor(ExpectedConditions.textToBe(By.id("search-submit"), "Search"));
    browser.open("/search");
    assertThat(browser.byId("search-submit").getText()).isEqualTo("Search");

    browser.byId("nav-language").click();
    browser.waitFor(ExpectedConditions.textToBe(By.id("search-submit"), "检索"));
  }

  @Test
  void anAdministratorVerifiesTheAuditChainOnTheAdminPage(SearchFixture f) {
    browser.login(SearchFixture.ADMIN, SearchFixture.password(SearchFixture.ADMIN));
    assertThat(browser.url()).endsWith("/admin/audit");

    browser.byId("verify-chain").click();

    assertThat(browser.byId("chain-report").getAttribute("class")).isEqualTo("ok");
    assertThat(browser.driver().findElements(By.cssSelector("#audit-rows tbody tr"))).isNotEmpty();
  }

  @Test
  void anAnalystWhoOpensTheAdminPageIsRefusedAndAudited(SearchFixture f) {
    browser.login(SearchFixture.LUOYANG, SearchFixture.password(SearchFixture.LUOYANG));
    long before = f.lastAuditSeq();

    browser.open("/admin/users");

    assertThat(browser.byId("error-message").getText()).isNotBlank();
    assertThat(f.auditSince(before)).extracting(AuditRecord::summary).containsExactly("forbidden: GET /admin/users");
  }

  @Test
  void aWrongPasswordKeepsTheUserOnTheLoginPage(SearchFixture f) {
    browser.open("/login");
    browser.byId("username").sendKeys(SearchFixture.REVIEWER);
    browser.byId("password").sendKeys("wrong-password-here");
    browser.byId("login-submit").click();

    assertThat(browser.byId("login-error").getText()).isEqualTo("用户名或密码错误。");
  }

  private static Path downloaded() {
    try (Stream<Path> files = Files.list(downloads)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** A lot that consents of Zhengzhou and of another region share, so the scope has something to hide. */
  static String lotInTwoRegions(SearchFixture f) {
    Map<String, List<ConsentRecord>> byLot = f.consents().records().stream()
        .collect(Collectors.groupingBy(r -> r.getVaccination().getLotNumber()));
    return byLot.entrySet().stream()
        .filter(e -> e.getValue().stream().anyMatch(r -> r.getRegionCode().startsWith("4101"))
            && e.getValue().stream().anyMatch(r -> !r.getRegionCode().startsWith("4101")))
        .map(Map.Entry::getKey).sorted().findFirst().orElseThrow();
  }

  private static ConsentRecord byId(SearchFixture f, String consentId) {
    return f.consents().records().stream().filter(r -> r.getConsentId().equals(consentId)).findFirst().orElseThrow();
  }

  private static void assertNoRawIdentity(SearchFixture f, String page) {
    for (String raw : f.consents().rawIdentities()) {
      assertThat(page).doesNotContain(raw);
    }
  }
}
