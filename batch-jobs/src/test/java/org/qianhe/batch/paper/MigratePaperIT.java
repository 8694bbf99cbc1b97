package org.qianhe.batch.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileStatus;
import org.qianhe.batch.ArchiveContent;
import org.qianhe.batch.Cli;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.ingest.evidence.Pkcs12EvidenceKeys;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.people.PeopleKeyFile;
import org.qianhe.model.storage.StorageLayout;
import org.qianhe.ops.stack.ElasticsearchNode;
import org.qianhe.ops.stack.LocalStackExtension;
import org.qianhe.paper.synth.PageTruth;
import org.qianhe.review.ReviewItem;
import org.qianhe.review.ReviewQueue;
import org.qianhe.review.ReviewStatus;
import org.qianhe.review.SkipLog;
import org.qianhe.search.index.ConsentFields;
import org.qianhe.search.index.ConsentIndexClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, acceptance 3 and 4, through the CLI against the real components (PostgreSQL, the shared
 * stack's Elasticsearch, the local file system as Hadoop root): a generated batch with corrupt and
 * hostile files completes, each bad file in the skip log with its reason; accepted pages are
 * staged, indexed and their evidence stored; a page sent to review, approved with a corrected
 * value, is staged by {@code stage-reviewed}, compacted into the archive and found by a trace
 * search on its lot number with {@code source=PAPER_SCAN}. No raw identity anywhere.
 *
 * <p>One batch is read once for the whole class (OCR takes about half a second per page and core).
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigratePaperIT {

  @TempDir static Path dir;

  private PaperFixture fixture;
  private ElasticsearchNode elasticsearch;
  private Path batch;
  private String root;
  private List<PageTruth> truth;
  private Cli.Result run;

  @BeforeAll
  void migrateABatch(ElasticsearchNode elasticsearch) throws Exception {
    this.elasticsearch = elasticsearch;
    fixture = new PaperFixture(dir.resolve("data"));
    batch = dir.resolve("B2026-0042");
    truth = PaperFixture.generate(batch, 12, 6, 0.25);
    PaperFixture.addHostileFiles(batch);
    root = dir.resolve("qianhe").toUri().toString();

    run = cli("migrate-paper", "--batch", batch.toString());
  }

  @AfterAll
  void dropReviewSchema() throws Exception {
    fixture.close();
  }

  @Test
  @Order(1)
  void theBatchCompletesAndEveryBadFileIsInTheSkipLogWithItsReason() {
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("migrate-paper [", "ETA", "COMPLETED");

    List<SkipLog.Entry> skipped = new SkipLog(fixture.reviewDb(), java.time.Clock.systemUTC()).of(batch.getFileName().toString());
    assertThat(skipped).extracting(SkipLog.Entry::fileName, SkipLog.Entry::reason)
        .containsExactlyInAnyOrderElementsOf(PaperFixture.HOSTILE.stream().map(h -> tuple(h[0], h[1])).toList());
    assertThat(skipped).allSatisfy(entry -> assertThat(entry.detail()).contains(entry.fileName(), entry.reason()));
    for (String[] hostile : PaperFixture.HOSTILE) {
      assertThat(run.output()).contains(hostile[0] + (hostile[1].equals("CORRUPT_PDF") || hostile[1].equals("UNSUPPORTED_FORMAT")
          || hostile[1].equals("PATH_TRAVERSAL") ? "" : " page 1") + ": " + hostile[1]);
    }
  }

  @Test
  @Order(2)
  void everyGoodPageIsStagedOnceOrWaitsForReview() throws Exception {
    Map<String, GenericRecord> staged = stagedByConsentId();
    List<ReviewItem> pending = queue().pending(Set.of("*"), 0, 100).items();

    assertThat(staged.size() + pending.size()).as("every page of the generated forms").isEqualTo(truth.size());
    assertThat(staged).as("pages read with confidence").isNotEmpty();
    assertThat(pending).as("pages whose manifest row was mistyped disagree").isNotEmpty();
    for (GenericRecord record : staged.values()) {
      GenericRecord lineage = (GenericRecord) ((GenericRecord) record.get("processing")).get("paper");
      assertThat(record.get("source")).hasToString("PAPER_SCAN");
      assertThat(lineage.get("scanBatch")).hasToString("B2026-0042");
      assertThat(lineage.get("reviewStatus")).hasToString("NOT_NEEDED");
      PageTruth page = truth.stream().filter(t -> t.file().equals(lineage.get("file").toString())
          && t.page() == (Integer) lineage.get("page")).findFirst().orElseThrow();
      assertThat(record.get("vaccination").toString()).contains(page.data().fields().get("lotNumber"));
      assertThat(((GenericRecord) record.get("child")).get("key").toString())
          .isEqualTo(keys().blindIndex().of(page.data().fields().get("childId")));
    }
    for (ReviewItem item : pending) {
      assertThat(item.reasons()).isNotEmpty();
      assertThat(item.evidence()).extracting(EvidenceRef::getKind).contains(EvidenceKind.SCAN);
    }
  }

  @Test
  @Order(3)
  void theScanAndSignatureOfEachPageAreEncryptedInTheEvidenceStore() throws Exception {
    GenericRecord record = stagedByConsentId().values().iterator().next();
    List<EvidenceRef> refs = refs(record);
    assertThat(refs).extracting(EvidenceRef::getKind).contains(EvidenceKind.SCAN);

    try (EvidenceStore store = evidenceStore()) {
      List<EvidenceItem> items = store.read(record.get("consentId").toString(), refs);
      assertThat(items).extracting(item -> item.ref().getKind()).containsExactlyInAnyOrderElementsOf(
          refs.stream().map(EvidenceRef::getKind).toList());
      assertThat(items).allSatisfy(item -> assertThat(item.data()).hasSize((int) item.ref().getSizeBytes()));
    }
  }

  @Test
  @Order(4)
  void acceptedPagesAreSearchableAsPaperScans() throws Exception {
    Map<String, GenericRecord> staged = stagedByConsentId();
    try (ConsentIndexClient index = ConsentIndexClient.connect(elasticsearch.httpUrl())) {
      index.refresh();
      ElasticsearchClient client = index.client();
      SearchResponse<Map> paper = client.search(s -> s.index(ConsentIndexClient.ALIAS).size(100)
          .query(q -> q.terms(t -> t.field(ConsentFields.CONSENT_ID)
              .terms(v -> v.value(staged.keySet().stream().map(co.elastic.clients.elasticsearch._types.FieldValue::of).toList())))),
          Map.class);
      assertThat(paper.hits().hits()).extracting(h -> h.id()).containsExactlyInAnyOrderElementsOf(staged.keySet());
      assertThat(paper.hits().hits()).allSatisfy(h -> assertThat(h.source().get("source")).isEqualTo("PAPER_SCAN"));
    }
  }

  @Test
  @Order(5)
  void noRawIdentityInTheOutputTheIndexTheSkipLogOrTheReviewTable() throws Exception {
    List<String> identities = PaperFixture.identities(truth);
    String everything = run.output() + indexDump() + tableDump("paper_skip_log") + clearColumnsOfReviews();
    for (String value : identities) {
      assertThat(everything).doesNotContain(value);
    }
  }

  @Test
  @Order(6)
  void anApprovedPageReachesStagingTheArchiveAndATraceSearch() throws Exception {
    ReviewQueue queue = queue();
    ReviewItem item = queue.pending(Set.of("*"), 0, 100).items().stream()
        .filter(i -> i.reasons().contains("DISAGREES:lotNumber")).findFirst()
        .orElse(queue.pending(Set.of("*"), 0, 100).items().get(0));
    PageTruth page = truth.stream().filter(t -> t.file().equals(item.fileName()) && t.page() == item.page())
        .findFirst().orElseThrow();
    Map<String, String> read = queue.readValues(item.consentId());
    Map<String, String> corrections = new HashMap<>(page.data().fields());
    corrections.putAll(page.data().checks());
    corrections.keySet().retainAll(read.keySet());
    String lot = page.data().fields().get("lotNumber");
    corrections.put("lotNumber", lot);

    queue.approve(item.consentId(), corrections, "reviewer1");
    Cli.Result staging = cli("stage-reviewed");

    assertThat(staging.exitCode()).as(staging.output()).isZero();
    assertThat(staging.output()).contains("1 approved page(s) staged and indexed");
    assertThat(queue.find(item.consentId()).orElseThrow().staged()).isTrue();
    String consentId = org.qianhe.paper.check.PaperRecords.consentId(page.data().fields().get("formId"));
    GenericRecord staged = stagedByConsentId().get(consentId);
    assertThat(staged).as("the approved page's record is staged").isNotNull();
    GenericRecord lineage = (GenericRecord) ((GenericRecord) staged.get("processing")).get("paper");
    assertThat(lineage.get("reviewStatus").toString()).isIn("APPROVED", "CORRECTED");

    String region = staged.get("regionCode").toString();
    LocalDate day = LocalDate.parse(page.data().fields().get("vaccinationDate"));
    Cli.Result compact = cli("compact", "--date", day.toString(), "--region", region);
    assertThat(compact.exitCode()).as(compact.output()).isZero();
    ArchiveContent archive = new ArchiveContent(ArchiveStorage.open(root, Map.of()));
    assertThat(archive.consentIds(archive.partition(region, day))).contains(consentId);

    try (ConsentIndexClient index = ConsentIndexClient.connect(elasticsearch.httpUrl())) {
      index.refresh();
      SearchResponse<Map> trace = index.client().search(s -> s.index(ConsentIndexClient.ALIAS)
          .query(q -> q.term(t -> t.field(ConsentFields.LOT_NUMBER).value(lot))), Map.class);
      assertThat(trace.hits().hits()).filteredOn(h -> h.id().equals(consentId)).singleElement()
          .satisfies(h -> assertThat(h.source().get("source")).isEqualTo("PAPER_SCAN"));
    }
  }

  /**
   * A page whose form id could not be read waits under a consentId of its place in the batch; the
   * reviewer types the form id in, so the record gets the form's consentId and its evidence is
   * copied there. A page approved with values that make no valid record is reported, not staged,
   * and does not stop the others.
   */
  @Test
  @Order(7)
  void aCorrectedFormIdMovesTheEvidenceAndAnInvalidApprovalIsReportedNotStaged() throws Exception {
    List<PageTruth> extra = PaperFixture.generate(dir.resolve("extra"), 2, 999, 0.0);
    ReviewQueue queue = queue();
    String placeId = java.util.UUID.nameUUIDFromBytes("test:B2026-0042/lost-id.png#1".getBytes()).toString();
    String badId = java.util.UUID.nameUUIDFromBytes("test:B2026-0042/bad-dose.png#1".getBytes()).toString();
    byte[] scan = "a scanned page".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    EvidenceRef ref = org.qianhe.paper.check.Evidence.ref(EvidenceKind.SCAN, scan, "image/jpeg");
    try (EvidenceStore store = evidenceStore()) {
      store.write(placeId, CryptoSuites.INTL, List.of(new EvidenceItem(ref, scan)));
    }
    Map<String, String> lost = values(extra.get(0));
    String formId = lost.put("formId", "");
    queue.enqueue(new org.qianhe.review.NewReview(placeId, "B2026-0042", "lost-id.png", 1, "", List.of("BARCODE_UNREADABLE"),
        List.of(), 0.4, lost, "", List.of(ref)));
    Map<String, String> bad = values(extra.get(1));
    queue.enqueue(new org.qianhe.review.NewReview(badId, "B2026-0042", "bad-dose.png", 1, "", List.of("MALFORMED:doseNumber"),
        List.of(), 0.4, bad, "", List.of()));

    queue.approve(placeId, Map.of("formId", formId), "reviewer1");
    queue.approve(badId, Map.of("doseNumber", "one"), "reviewer1");
    Cli.Result staging = cli("stage-reviewed");

    assertThat(staging.exitCode()).as(staging.output()).isZero();
    assertThat(staging.output()).contains("1 approved page(s) staged and indexed",
        "review " + badId + " (B2026-0042/bad-dose.png page 1) was approved with values that do not make a valid record");
    String consentId = org.qianhe.paper.check.PaperRecords.consentId(formId);
    GenericRecord staged = stagedByConsentId().get(consentId);
    assertThat(staged).isNotNull();
    assertThat(((GenericRecord) ((GenericRecord) staged.get("processing")).get("paper")).get("reviewStatus"))
        .hasToString("CORRECTED");
    try (EvidenceStore store = evidenceStore()) {
      assertThat(store.read(consentId, List.of(ref))).singleElement().satisfies(item -> assertThat(item.data()).isEqualTo(scan));
    }
    assertThat(queue.find(placeId).orElseThrow().staged()).isTrue();
    assertThat(queue.find(badId).orElseThrow()).satisfies(item -> {
      assertThat(item.status()).isEqualTo(ReviewStatus.APPROVED);
      assertThat(item.staged()).isFalse();
    });
  }

  private static Map<String, String> values(PageTruth page) {
    Map<String, String> values = new HashMap<>(page.data().fields());
    values.putAll(page.data().checks());
    return values;
  }

  private EvidenceStore evidenceStore() throws Exception {
    Path keys = fixture.dataDir.resolve("keys");
    return EvidenceStore.open(fixture.dataDir.resolve("evidence").toUri(), CryptoSuites.GM,
        Pkcs12EvidenceKeys.loadOrCreate(keys.resolve("evidence-keys.p12"),
            Pkcs12EvidenceKeys.passwordFromFile(keys.resolve("evidence-keys.p12.password")), CryptoSuites.GM), false);
  }

  private Cli.Result cli(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(fixture.args(elasticsearch.httpUrl(), 2));
    return Cli.run(root, args.toArray(String[]::new));
  }

  private ReviewQueue queue() {
    return new ReviewQueue(fixture.reviewDb(), keys().sealer(), java.time.Clock.systemUTC());
  }

  private PeopleKeyFile keys() {
    return PeopleKeyFile.read(fixture.dataDir.resolve("keys/ingest-keys.properties"));
  }

  /** Every staged record, by consentId; fails on a consentId staged twice. */
  private Map<String, GenericRecord> stagedByConsentId() throws Exception {
    ArchiveStorage storage = ArchiveStorage.open(root, Map.of());
    ArchiveContent content = new ArchiveContent(storage);
    List<GenericRecord> rows = new ArrayList<>();
    for (FileStatus region : storage.list(new org.apache.hadoop.fs.Path(root + "/" + StorageLayout.STAGING))) {
      for (FileStatus date : storage.list(region.getPath())) {
        rows.addAll(content.rows(date.getPath()));
      }
    }
    Map<String, GenericRecord> byId = rows.stream().collect(Collectors.toMap(r -> r.get("consentId").toString(), r -> r));
    assertThat(byId).as("no consentId staged twice").hasSameSizeAs(rows);
    return byId;
  }

  private static List<EvidenceRef> refs(GenericRecord record) {
    List<EvidenceRef> refs = new ArrayList<>();
    for (Object item : (List<?>) record.get("evidence")) {
      GenericRecord ref = (GenericRecord) item;
      refs.add(EvidenceRef.newBuilder().setKind(EvidenceKind.valueOf(ref.get("kind").toString()))
          .setEvidenceId(ref.get("evidenceId").toString()).setDigest(ref.get("digest").toString())
          .setMediaType(ref.get("mediaType").toString()).setSizeBytes((Long) ref.get("sizeBytes")).build());
    }
    return refs;
  }

  private String indexDump() throws Exception {
    try (ConsentIndexClient index = ConsentIndexClient.connect(elasticsearch.httpUrl())) {
      index.refresh();
      SearchResponse<Map> all = index.client().search(s -> s.index(ConsentIndexClient.ALIAS).size(1000)
          .query(q -> q.term(t -> t.field(ConsentFields.SOURCE).value("PAPER_SCAN"))), Map.class);
      return all.hits().hits().stream().map(h -> String.valueOf(h.source())).collect(Collectors.joining("\n"));
    }
  }

  private String tableDump(String table) throws Exception {
    StringBuilder out = new StringBuilder();
    try (var c = fixture.reviewDb().getConnection(); var s = c.createStatement(); var rs = s.executeQuery("SELECT * FROM " + table)) {
      while (rs.next()) {
        for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
          out.append(rs.getString(col)).append('\t');
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  private String clearColumnsOfReviews() throws Exception {
    StringBuilder out = new StringBuilder();
    try (var c = fixture.reviewDb().getConnection(); var s = c.createStatement();
         var rs = s.executeQuery("SELECT * FROM paper_review")) {
      while (rs.next()) {
        for (int col = 1; col <= rs.getMetaData().getColumnCount(); col++) {
          String name = rs.getMetaData().getColumnName(col);
          if (name.equals("read_values") || name.equals("approved_values")) {
            out.append(new String(rs.getBytes(col) == null ? new byte[0] : rs.getBytes(col), java.nio.charset.StandardCharsets.UTF_8));
          } else {
            out.append(rs.getString(col));
          }
          out.append('\t');
        }
        out.append('\n');
      }
    }
    return out.toString();
  }
}
