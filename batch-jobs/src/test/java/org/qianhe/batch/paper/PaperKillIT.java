package org.qianhe.batch.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.batch.ArchiveContent;
import org.qianhe.batch.BatchJobsApplication;
import org.qianhe.batch.Cli;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.model.people.PeopleKeyFile;
import org.qianhe.model.storage.StorageLayout;
import org.qianhe.ops.stack.ElasticsearchNode;
import org.qianhe.ops.stack.LocalStackExtension;
import org.qianhe.paper.synth.PageTruth;
import org.qianhe.review.ReviewItem;
import org.qianhe.review.ReviewQueue;
import org.qianhe.search.index.ConsentIndexClient;

/**
 * Issue 6, acceptance 3: a migrate-paper run killed with SIGKILL mid-way (a child JVM, as
 * CompactKillIT does), then run again, completes, and no record is doubled: every good page is
 * staged exactly once or waits once in the review queue, the search index holds one document per
 * staged record, and staging holds no half-written file.
 */
@ExtendWith(LocalStackExtension.class)
class PaperKillIT {

  private static final Pattern FILES_DONE = Pattern.compile("migrate-paper \\[[#-]+\\]\\s+\\d+% (\\d+)/\\d+ files");

  @TempDir Path dir;

  @Test
  void killedMidBatchAndRerunCompletesWithoutDoublingAnyRecord(ElasticsearchNode elasticsearch) throws Exception {
    try (PaperFixture fixture = new PaperFixture(dir.resolve("data"))) {
      Path batch = dir.resolve("B2026-0077");
      List<PageTruth> truth = PaperFixture.generate(batch, 14, 77, 0.1);
      String root = dir.resolve("qianhe").toUri().toString();
      List<String> args = new ArrayList<>(List.of("migrate-paper", "--batch", batch.toString()));
      args.addAll(fixture.args(elasticsearch.httpUrl(), 2));

      Process child = start(root, args);
      boolean killed = false;
      List<String> childOutput = new ArrayList<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          System.out.println("child> " + line);
          childOutput.add(line);
          Matcher done = FILES_DONE.matcher(line);
          if (done.find() && Integer.parseInt(done.group(1)) >= 3) {
            child.destroyForcibly();
            killed = true;
            break;
          }
        }
      }
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(killed).as("the child got three files in").isTrue();
      int stagedBeforeRerun = staged(root).size();
      assertThat(stagedBeforeRerun).as("some pages were committed before the kill").isLessThan(truth.size());

      Cli.Result rerun = Cli.run(root, args.toArray(String[]::new));

      assertThat(rerun.exitCode()).as(rerun.output()).isZero();
      assertThat(rerun.output()).contains("marked FAILED so it can be restarted", "migrate-paper: COMPLETED");
      List<String> staged = staged(root);
      assertThat(staged).as("no consentId staged twice").doesNotHaveDuplicates();
      List<ReviewItem> pending = new ReviewQueue(fixture.reviewDb(),
          PeopleKeyFile.read(fixture.dataDir.resolve("keys/ingest-keys.properties")).sealer(), java.time.Clock.systemUTC())
          .pending(Set.of("*"), 0, 100).items();
      Set<String> all = new HashSet<>(staged);
      pending.forEach(item -> all.add(item.consentId()));
      assertThat(all).as("every page exactly once, staged or for review").hasSize(truth.size());
      assertThat(staged.size() + pending.size()).isEqualTo(truth.size());
      try (var files = Files.walk(dir.resolve("qianhe/staging"))) {
        assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".writing"));
      }
      try (ConsentIndexClient index = ConsentIndexClient.connect(elasticsearch.httpUrl())) {
        index.refresh();
        long documents = index.client().count(c -> c.index(ConsentIndexClient.ALIAS)
            .query(q -> q.term(t -> t.field("paper.scanBatch").value("B2026-0077")))).count();
        assertThat(documents).as("one search document per staged record").isEqualTo(staged.size());
      }
      String output = String.join("\n", childOutput) + rerun.output();
      for (String value : PaperFixture.identities(truth)) {
        assertThat(output).doesNotContain(value);
      }
    }
  }

  /** consentIds of every staged record, duplicates kept. */
  private static List<String> staged(String root) throws IOException {
    ArchiveStorage storage = ArchiveStorage.open(root, Map.of());
    ArchiveContent content = new ArchiveContent(storage);
    List<String> ids = new ArrayList<>();
    for (FileStatus region : storage.list(new org.apache.hadoop.fs.Path(root + "/" + StorageLayout.STAGING))) {
      for (FileStatus date : storage.list(region.getPath())) {
        for (GenericRecord record : content.rows(date.getPath())) {
          ids.add(record.get("consentId").toString());
        }
      }
    }
    return ids;
  }

  private static Process start(String root, List<String> args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        BatchJobsApplication.class.getName()));
    command.addAll(args);
    command.addAll(Cli.springArgs(root));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
