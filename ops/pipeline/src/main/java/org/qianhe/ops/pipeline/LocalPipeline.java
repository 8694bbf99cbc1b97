package org.qianhe.ops.pipeline;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.core.execution.JobClient;
import org.qianhe.ingest.terminal.TerminalRegistry;
import org.qianhe.ops.stack.LocalStack;
import org.qianhe.stream.ConsentValidationJob;
import org.qianhe.stream.StreamJobConfig;
import org.qianhe.terminal.simulator.ConsentGenerator;
import org.qianhe.terminal.simulator.SimulatorKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The whole pipeline on embedded defaults: Kafka and Elasticsearch (the local stack), the Flink
 * validation job on a MiniCluster in this process, and the ingest and search services as child
 * JVMs started from their executable jars, each with its own class path as in production. Used
 * by {@code ops/run-local.sh}, the end-to-end test and the end-to-end benchmark, so all three run
 * the same wiring. Closing it stops everything it started, in reverse order.
 */
public final class LocalPipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);
  private static final Duration SERVICE_START = Duration.ofSeconds(120);

  /** The analyst account the pipeline's own trace searches use, with all regions in scope. */
  public static final String ANALYST = "analyst";

  private final PipelineSettings settings;
  private final String analystPassword = randomPassword();
  private final String adminPassword = randomPassword();
  private final List<AutoCloseable> started = new ArrayList<>();
  private LocalStack stack;
  private ServiceProcess ingest;
  private ServiceProcess search;

  private LocalPipeline(PipelineSettings settings) {
    this.settings = settings;
  }

  public static LocalPipeline start(PipelineSettings settings) {
    LocalPipeline pipeline = new LocalPipeline(settings);
    try {
      pipeline.startAll();
      return pipeline;
    } catch (RuntimeException | Error e) {
      // Whatever failed, nothing that did start may outlive this call.
      pipeline.close();
      throw e;
    }
  }

  private void startAll() {
    log.info("starting Kafka and Elasticsearch");
    stack = LocalStack.start();
    started.add(stack);
    log.info("Kafka at {}, Elasticsearch at {}", stack.kafka().bootstrapServers(), stack.elasticsearch().httpUrl());

    Path services = servicesDir();
    Path logs = settings.dataDir().resolve("logs");
    // The two services start in parallel: each takes a few seconds of JVM and Spring start-up.
    CompletableFuture<ServiceProcess> ingestStart = CompletableFuture.supplyAsync(() -> ServiceProcess.start(
        "ingest", services.resolve("qianhe-ingest-service-exec.jar"), settings.ingestPort(), logs, ingestArguments(),
        SERVICE_START));
    CompletableFuture<ServiceProcess> searchStart = CompletableFuture.supplyAsync(() -> ServiceProcess.start(
        "search", services.resolve("qianhe-search-service-exec.jar"), settings.searchPort(), logs, searchArguments(),
        SERVICE_START));
    ingest = join(ingestStart);
    search = join(searchStart);

    JobClient job = startStreamJob();
    started.add(() -> job.cancel().get());
    log.info("pipeline up: ingest {}, search {}", ingestUri(), searchUri());
  }

  private <T extends AutoCloseable> T join(CompletableFuture<T> start) {
    try {
      T service = start.join();
      started.add(service);
      return service;
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }
  }

  private JobClient startStreamJob() {
    try {
      Path root = settings.dataDir().toAbsolutePath();
      return ConsentValidationJob.startDetached(StreamJobConfig.defaults().with(Map.of(
          StreamJobConfig.BOOTSTRAP_SERVERS.name(), stack.kafka().bootstrapServers(),
          StreamJobConfig.ELASTICSEARCH_URL.name(), stack.elasticsearch().httpUrl(),
          // staging files and checkpoints live with the rest of this run's data
          StreamJobConfig.STAGING_ROOT.name(), root.toUri().toString(),
          StreamJobConfig.CHECKPOINT_DIR.name(), root.resolve("checkpoints").toUri().toString(),
          // Elasticsearch documents are released on checkpoints (only records durably staged are
          // searchable): a short interval keeps upload-to-searchable freshness near a second.
          StreamJobConfig.CHECKPOINT_INTERVAL.name(), "1 s")));
    } catch (Exception e) {
      throw new IllegalStateException("the Flink validation job did not start: " + e.getMessage(), e);
    }
  }

  private List<String> ingestArguments() {
    List<String> args = new ArrayList<>(List.of(
        "--qianhe.ingest.kafka.bootstrap-servers=" + stack.kafka().bootstrapServers(),
        "--qianhe.data-dir=" + settings.dataDir().toAbsolutePath()));
    args.addAll(databaseArguments());
    return args;
  }

  private List<String> searchArguments() {
    List<String> args = new ArrayList<>(List.of(
        "--qianhe.search.elasticsearch.url=" + stack.elasticsearch().httpUrl(),
        "--qianhe.data-dir=" + settings.dataDir().toAbsolutePath(),
        "--qianhe.search.bootstrap.admin-password=" + adminPassword,
        "--qianhe.search.bootstrap.users[0].username=" + ANALYST,
        "--qianhe.search.bootstrap.users[0].password=" + analystPassword,
        "--qianhe.search.bootstrap.users[0].roles=ANALYST,TRACE_OFFICER,REVIEWER",
        "--qianhe.search.bootstrap.users[0].regions=*"));
    args.addAll(databaseArguments());
    return args;
  }

  private List<String> databaseArguments() {
    if (settings.jdbcUrl() == null) {
      return List.of();
    }
    return List.of("--spring.datasource.url=" + settings.jdbcUrl(), "--spring.datasource.username=" + settings.jdbcUser());
  }

  /**
   * Runs {@code migrate-paper --batch DIR} of the batch-jobs CLI against this pipeline's stores:
   * accepted pages are staged under the data directory (where the stream job stages) and indexed,
   * doubtful ones wait in the review queue of the search service's database.
   *
   * @return the command's exit code
   */
  public int migratePaper(Path batch, Duration timeout, java.util.function.Consumer<String> output) {
    Path data = settings.dataDir().toAbsolutePath();
    List<String> args = new ArrayList<>(List.of("migrate-paper", "--batch", batch.toAbsolutePath().toString(),
        "--qianhe.data-dir=" + data,
        "--qianhe.batch.root=" + data.toUri(),
        "--qianhe.batch.elasticsearch.url=" + stack.elasticsearch().httpUrl(),
        "--spring.datasource.url=jdbc:h2:file:" + data + "/batch-jobs;WRITE_DELAY=0"));
    if (settings.jdbcUrl() != null) {
      args.add("--qianhe.batch.paper.review-db.url=" + settings.jdbcUrl());
      args.add("--qianhe.batch.paper.review-db.username=" + settings.jdbcUser());
    }
    return BatchJobCommand.run(servicesDir().resolve("qianhe-batch-jobs-exec.jar"), args,
        data.resolve("logs").resolve("batch-jobs.log"), timeout, output);
  }

  /** Registers one terminal per site in ingest's registry, as an administrator would before the terminals go live. */
  public void registerTerminals(Collection<String> siteCodes) {
    TerminalRegistry registry = TerminalRegistry.on(new DriverManagerDataSource(jdbcUrl(), jdbcUser(), ""));
    for (String site : siteCodes) {
      String terminalId = ConsentGenerator.terminalId(site, 1);
      // the simulator's key of that terminal: SampleUploads signs with the same (SimulatorKeys)
      registry.register(terminalId, site, site.substring(0, 6), SimulatorKeys.of(terminalId).verificationKey());
    }
  }

  /** The database the services share: the given one, or the embedded H2 file both services open. */
  private String jdbcUrl() {
    return settings.jdbcUrl() != null ? settings.jdbcUrl()
        : "jdbc:h2:file:" + settings.dataDir().toAbsolutePath() + "/qianhe;MODE=PostgreSQL;AUTO_SERVER=TRUE;WRITE_DELAY=0";
  }

  private String jdbcUser() {
    return settings.jdbcUrl() != null ? settings.jdbcUser() : "sa";
  }

  public URI ingestUri() {
    return ingest.uri();
  }

  public URI searchUri() {
    return search.uri();
  }

  /** Trace searches as the pipeline's analyst. */
  public TraceClient traceClient() {
    return new TraceClient(searchUri(), ANALYST, analystPassword);
  }

  /** For people trying the local run: the analyst's generated password (new every run). */
  public String analystPassword() {
    return analystPassword;
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public LocalStack stack() {
    return stack;
  }

  /** The services' executable jars, copied beside this module's classes by its build. */
  private static Path servicesDir() {
    try {
      Path location = Path.of(LocalPipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path dir = location.getParent().resolve("services");
      if (!Files.isDirectory(dir)) {
        throw new IllegalStateException("service jars not found in " + dir + ": build with mvn -pl ops/pipeline -am package");
      }
      return dir;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Idempotent: the Ctrl-C hook and the normal exit may both call it. */
  @Override
  public synchronized void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        log.warn("stopping {} failed: {}", started.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    started.clear();
  }
}
