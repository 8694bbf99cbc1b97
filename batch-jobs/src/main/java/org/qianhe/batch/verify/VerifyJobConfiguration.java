package org.qianhe.batch.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.qianhe.model.crypto.VerificationKey;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.PeopleKeyFile;
import java.time.LocalDate;
import org.qianhe.batch.BatchJobsProperties;
import org.qianhe.batch.ExecutionOwner;
import org.qianhe.batch.Progress;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.ManifestJson;
import org.qianhe.batch.reindex.IndexRebuild;
import org.qianhe.search.index.ConsentIndexClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The verify job: a chunk step over the archive partitions of a date range (one partition per
 * chunk), each checked by {@link PartitionVerifier}; the report accumulates in the step's
 * execution context. Job parameters: {@code root}, {@code from}, {@code to}, {@code region}
 * ("*" for all) and {@code run} (every invocation is a new check of the archive as it is now).
 */
@Configuration(proxyBeanMethods = false)
public class VerifyJobConfiguration {

  public static final String JOB = "verify";
  public static final String STEP = "verifyPartitions";
  public static final String REPORT = "verify.report";

  @Bean
  Job verifyJob(JobRepository repository, Step verifyPartitions) {
    return new JobBuilder(JOB, repository).listener(new ExecutionOwner(repository)).start(verifyPartitions).build();
  }

  @Bean
  Step verifyPartitions(JobRepository repository, PlatformTransactionManager transactionManager,
      ItemStreamReader<PartitionRef> verifyReader, ItemProcessor<PartitionRef, PartitionVerification> verifyProcessor,
      ItemStreamWriter<PartitionVerification> verifyWriter) {
    return new StepBuilder(STEP, repository)
        .<PartitionRef, PartitionVerification>chunk(1)
        .transactionManager(transactionManager)
        .reader(verifyReader)
        .processor(verifyProcessor)
        .writer(verifyWriter)
        .build();
  }

  /** Typed as the interface: a step-scoped bean is a proxy, and a JDK proxy needs no subclassing. */
  @Bean
  @StepScope
  ItemStreamReader<PartitionRef> verifyReader(ArchiveStorage storage, @Value("#{jobParameters['from']}") String from,
      @Value("#{jobParameters['to']}") String to, @Value("#{jobParameters['region']}") String region) {
    return new ArchivePartitionReader(storage, LocalDate.parse(from), LocalDate.parse(to),
        "*".equals(region) ? null : region);
  }

  @Bean
  @StepScope
  ItemProcessor<PartitionRef, PartitionVerification> verifyProcessor(ArchiveStorage storage,
      BatchJobsProperties properties, ObjectProvider<ConsentIndexClient> index) {
    PartitionVerifier verifier = new PartitionVerifier(storage, !properties.verify().compareElasticsearch() ? null
        : (region, date) -> new IndexRebuild(index.getObject()).count(ConsentIndexClient.ALIAS, region, date),
        authenticity(properties.verify()));
    return ref -> verifier.verify(ref.region(), LocalDate.parse(ref.date()));
  }

  /** The authenticity checks with what is configured; the terminal registry is read once per run. */
  static Authenticity authenticity(BatchJobsProperties.Verify verify) {
    List<VerificationKey> receiptKeys = new ArrayList<>();
    for (int i = 0; i < verify.receiptKeys().size(); i++) {
      try {
        receiptKeys.add(Authenticity.publicKey(verify.receiptKeys().get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("qianhe.batch.verify.receipt-keys[" + i + "] is not a base64 GM or INTL public key");
      }
    }
    TerminalRegistry terminals = verify.terminalRegistryUrl().isBlank() ? null : TerminalRegistry.load(
        verify.terminalRegistryUrl(), verify.terminalRegistryUsername(), verify.terminalRegistryPassword());
    IdentitySealer identities = verify.identityKeyFile().isBlank() ? null
        : PeopleKeyFile.read(java.nio.file.Path.of(verify.identityKeyFile().strip())).sealer();
    return new Authenticity(receiptKeys, terminals, identities);
  }

  @Bean
  @StepScope
  ItemStreamWriter<PartitionVerification> verifyWriter(Progress progress) {
    return new ItemStreamWriter<>() {
      private VerifyReport report = VerifyReport.empty();

      @Override
      public void open(ExecutionContext context) {
        report = context.containsKey(REPORT) ? reportOf(context) : VerifyReport.empty();
      }

      @Override
      public void update(ExecutionContext context) {
        context.putString(REPORT, new String(ManifestJson.write(report), java.nio.charset.StandardCharsets.UTF_8));
      }

      @Override
      public void write(Chunk<? extends PartitionVerification> chunk) {
        for (PartitionVerification partition : chunk) {
          report = report.plus(partition);
          long bad = partition.findings().stream().filter(Finding::mismatch).count();
          progress.line("verify " + partition.partition() + ": " + partition.rows() + " rows, "
              + (bad == 0 ? "ok" : bad + " mismatch(es)"));
        }
      }
    };
  }

  /** The report a finished (or interrupted) verify step left in its execution context. */
  public static VerifyReport reportOf(StepExecution step) {
    return step.getExecutionContext().containsKey(REPORT) ? reportOf(step.getExecutionContext()) : VerifyReport.empty();
  }

  private static VerifyReport reportOf(ExecutionContext context) {
    try {
      return ManifestJson.read(context.getString(REPORT).getBytes(java.nio.charset.StandardCharsets.UTF_8),
          VerifyReport.class);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable verify report in the job repository", e);
    }
  }
}
