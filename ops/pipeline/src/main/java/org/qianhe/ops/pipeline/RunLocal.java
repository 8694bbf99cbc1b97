package org.qianhe.ops.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.storage.StorageLayout;
import org.qianhe.search.index.ConsentIndexClient;
import org.qianhe.terminal.simulator.ConsentGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ops/run-local.sh}: the pipeline on embedded defaults, fed with sample consents. */
@Command(name = "run-local", mixinStandardHelpOptions = true,
    description = "Starts Kafka, Elasticsearch, ingest, the Flink job and search; uploads sample consents; prints trace results.")
public final class RunLocal implements Callable<Integer> {

  @Option(names = "--once", description = "exit after printing the results instead of serving until Ctrl-C")
  boolean once;

  @Option(names = "--count", defaultValue = "200", description = "sample consents to upload (default: ${DEFAULT-VALUE})")
  int count;

  @Option(names = "--data-dir", defaultValue = "data", description = "where the embedded database and keys live (default: ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--seed", defaultValue = "20261128", description = "seed of the sample consents")
  long seed;

  @Option(names = "--paper-pages", defaultValue = "6",
      description = "pages of a sample scan batch for migrate-paper (0: none; needs Tesseract) (default: ${DEFAULT-VALUE})")
  int paperPages;

  @Option(names = "--wait", defaultValue = "PT90S", description = "how long to wait for the consents to become searchable")
  Duration wait;

  @Override
  public Integer call() throws Exception {
    say("starting the local pipeline (Kafka, Elasticsearch, ingest, Flink, search) ...");
    LocalPipeline pipeline = LocalPipeline.start(PipelineSettings.embedded(dataDir));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      pipeline.close();
      stopped.countDown();
    }, "qianhe-shutdown"));
    try {
      return feedAndTrace(pipeline, stopped);
    } finally {
      pipeline.close();
    }
  }

  private int feedAndTrace(LocalPipeline pipeline, CountDownLatch stopped) throws Exception {
    ConsentGenerator generator = new ConsentGenerator(seed, Instant.now());
    pipeline.registerTerminals(generator.allSiteCodes());
    List<ConsentUpload> uploads = IntStream.range(0, count).mapToObj(i -> generator.next()).toList();

    say("uploading %d sample consents from the terminal simulator ...", count);
    int accepted = SampleUploads.upload(pipeline.ingestUri(), uploads, 4, done -> {
      if (done % 50 == 0 || done == count) {
        say("  %d/%d uploaded", done, count);
      }
    });
    say("%d of %d accepted (202 with a receipt)", accepted, count);

    long searchable = awaitSearchable(pipeline, accepted);
    say("%d consents searchable in Elasticsearch", searchable);

    ConsentUpload first = uploads.get(0);
    TraceClient trace = pipeline.traceClient();
    printLotTrace(trace.byLot(first.getVaccination().getLotNumber()), first.getVaccination().getLotNumber() + " (recall)");
    LocalDate day = StorageLayout.partitionDate(first.getOccurredAt());
    JsonNode site = trace.bySite(first.getSiteCode(), day, day);
    say("site %s on %s: %d consents", first.getSiteCode(), day, site.path("total").asLong());

    boolean paperDone = paperPages <= 0 || migrateSamplePaper(pipeline, trace);

    say("");
    say("ingest:  %s/v1/consents", pipeline.ingestUri());
    say("search:  %s/ (web UI) and %s/v1/trace?lot=%s (REST, HTTP Basic)", pipeline.searchUri(), pipeline.searchUri(),
        first.getVaccination().getLotNumber());
    say("         user %s, password %s (generated for this run; may unmask with a stated reason and review paper pages at /review)",
        LocalPipeline.ANALYST, pipeline.analystPassword());
    if (!once) {
      say("serving until Ctrl-C ...");
      stopped.await();
    }
    return searchable >= accepted && accepted == count && paperDone ? 0 : 1;
  }

  /** Scanned paper forms through {@code migrate-paper}: read pages into search, doubtful ones into the review queue. */
  private boolean migrateSamplePaper(LocalPipeline pipeline, TraceClient trace) throws Exception {
    say("");
    say("generating a sample scan batch of %d paper consent forms ...", paperPages);
    SampleScanBatch batch = SampleScanBatch.generate(dataDir.resolve("scans").resolve("SAMPLE-" + seed), paperPages, seed);
    say("migrate-paper --batch %s (Tesseract OCR, about a second a page) ...", batch.dir());
    int exit = pipeline.migratePaper(batch.dir(), Duration.ofMinutes(10), line -> say("  | %s", line));
    if (exit != 0) {
      say("migrate-paper exited with %d; its log is %s", exit, dataDir.resolve("logs").resolve("batch-jobs.log"));
      return false;
    }
    refresh(pipeline); // the job's last documents become searchable at the next refresh
    java.util.Set<String> found = new java.util.TreeSet<>();
    for (String lot : new java.util.LinkedHashSet<>(batch.lotNumbers())) {
      JsonNode result = trace.byLotFromPaper(lot);
      if (result.path("total").asLong() > 0 && found.isEmpty()) {
        printLotTrace(result, lot + ", paper consents only (source=PAPER_SCAN)");
      }
      found.addAll(result.path("results").findValuesAsText("consentId"));
    }
    say("%d of %d paper pages searchable; the others wait in the review queue (web UI, /review)", found.size(), paperPages);
    return true;
  }

  private static void refresh(LocalPipeline pipeline) {
    try (ConsentIndexClient index = ConsentIndexClient.connect(pipeline.stack().elasticsearch().httpUrl())) {
      index.refresh();
    } catch (Exception e) {
      throw new IllegalStateException("cannot refresh the index: " + e.getMessage(), e);
    }
  }

  private long awaitSearchable(LocalPipeline pipeline, int expected) throws InterruptedException {
    try (ConsentIndexClient index = ConsentIndexClient.connect(pipeline.stack().elasticsearch().httpUrl())) {
      Instant deadline = Instant.now().plus(wait);
      long count = 0;
      while (Instant.now().isBefore(deadline)) {
        index.refresh();
        count = index.count();
        if (count >= expected) {
          return count;
        }
        Thread.sleep(500);
      }
      say("only %d of %d consents became searchable within %s", count, expected, wait);
      return count;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot count the index: " + e.getMessage(), e);
    }
  }

  private static void printLotTrace(JsonNode result, String lot) {
    say("");
    say("trace of lot %s: %d consents", lot, result.path("total").asLong());
    say("  %-36s  %-10s  %-8s  %-4s  %-9s  %-6s  %s", "consentId", "site", "vaccine", "dose", "decision", "child", "guardian phone");
    for (JsonNode hit : result.path("results")) {
      say("  %-36s  %-10s  %-8s  %-4s  %-9s  %-6s  %s",
          hit.path("consentId").asText(), hit.path("siteCode").asText(), hit.path("vaccineCode").asText(),
          hit.path("doseNumber").asText(), hit.path("decision").asText(),
          hit.path("child").path("nameMasked").asText(), hit.path("guardian").path("phoneMasked").asText());
    }
  }

  private static void say(String format, Object... args) {
    System.out.println(args.length == 0 ? format : String.format(format, args));
  }

  public static void main(String[] args) {
    int exit = new CommandLine(new RunLocal()).execute(args);
    System.exit(exit);
  }
}
