package org.qianhe.batch.retention;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;
import org.qianhe.batch.BatchJobsProperties;
import org.qianhe.batch.ExecutionOwner;
import org.qianhe.batch.Progress;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.ManifestJson;
import org.qianhe.batch.compact.CompactSettings;
import org.qianhe.batch.compact.PartitionPruner;
import org.qianhe.batch.verify.ArchivePartitionReader;
import org.qianhe.batch.verify.PartitionRef;
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
 * The retention job: a chunk step over the archive partitions old enough to hold records past the
 * policy (a vaccination record is kept at least {@code years-after-lot-expiry} years after its
 * lot's expiry date, Vaccine Administration Law), one partition per chunk. Dry run counts; apply
 * removes them (PartitionPruner) and deletes their evidence (EvidenceDisposal). Job parameters: {@code root}, {@code asOf}, {@code apply}, {@code run}.
 *
 * <p>Only partitions dated before {@code asOf} minus the retention years are read: a lot expires
 * after the vaccinations it was used for, so a younger partition holds nothing past the policy.
 * A record given with an already expired lot is thus kept longer than required, never shorter.
 */
@Configuration(proxyBeanMethods = false)
public class RetentionJobConfiguration {

  public static final String JOB = "retention";
  public static final String STEP = "prunePartitions";
  public static final String TOTALS = "retention.totals";

  /**
   * What a retention run found and did, kept in the step's execution context. {@code evidenceObjects}:
   * evidence objects of the records past the policy found in the store (dry run) or deleted (apply).
   */
  public record Totals(long partitions, long rows, long removable, long evidenceRefs, long evidenceObjects,
      long partitionsChanged) {

    public static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0);

    Totals plus(PartitionPruner.Result result) {
      return new Totals(partitions + 1, rows + result.rows(), removable + result.removable(),
          evidenceRefs + result.evidenceRefs(), evidenceObjects + result.evidenceObjects(),
          partitionsChanged + (result.applied() ? 1 : 0));
    }
  }

  static Predicate<GenericRecord> pastPolicy(LocalDate asOf, int years) {
    return record -> {
      GenericRecord vaccination = (GenericRecord) record.get("vaccination");
      LocalDate lotExpiry = LocalDate.ofEpochDay((Integer) vaccination.get("lotExpiry"));
      return lotExpiry.plusYears(years).isBefore(asOf);
    };
  }

  static String policy(LocalDate asOf, int years) {
    return "as-of=" + asOf + "-lot-expiry-plus-" + years + "y";
  }

  /** Opened on first use only: a dry run without an evidence store configured needs none. */
  @Bean(destroyMethod = "close")
  EvidenceDisposal evidenceDisposal(BatchJobsProperties properties) {
    return new EvidenceDisposal(properties.evidence());
  }

  @Bean
  Job retentionJob(JobRepository repository, Step prunePartitions) {
    return new JobBuilder(JOB, repository).listener(new ExecutionOwner(repository)).start(prunePartitions).build();
  }

  @Bean
  Step prunePartitions(JobRepository repository, PlatformTransactionManager tx,
      ItemStreamReader<PartitionRef> retentionReader, ItemProcessor<PartitionRef, PartitionPruner.Result> retentionProcessor,
      ItemStreamWriter<PartitionPruner.Result> retentionWriter) {
    return new StepBuilder(STEP, repository)
        .<PartitionRef, PartitionPruner.Result>chunk(1)
        .transactionManager(tx)
        .reader(retentionReader)
        .processor(retentionProcessor)
        .writer(retentionWriter)
        .build();
  }

  @Bean
  @StepScope
  ItemStreamReader<PartitionRef> retentionReader(ArchiveStorage storage, BatchJobsProperties properties,
      @Value("#{jobParameters['asOf']}") String asOf) {
    LocalDate oldest = LocalDate.parse(asOf).minusYears(properties.retention().yearsAfterLotExpiry()).minusDays(1);
    return new ArchivePartitionReader(storage, LocalDate.of(1900, 1, 1), oldest, null);
  }

  @Bean
  @StepScope
  ItemProcessor<PartitionRef, PartitionPruner.Result> retentionProcessor(ArchiveStorage storage,
      BatchJobsProperties properties, CompactSettings compactSettings, Progress progress, EvidenceDisposal evidence,
      @Value("#{jobParameters['asOf']}") String asOf, @Value("#{jobParameters['apply']}") String apply) {
    PartitionPruner pruner = new PartitionPruner(storage, compactSettings, progress);
    int years = properties.retention().yearsAfterLotExpiry();
    LocalDate day = LocalDate.parse(asOf);
    return ref -> pruner.prune(ref.region(), LocalDate.parse(ref.date()), pastPolicy(day, years), policy(day, years),
        Boolean.parseBoolean(apply), evidence);
  }

  @Bean
  @StepScope
  ItemStreamWriter<PartitionPruner.Result> retentionWriter(Progress progress) {
    return new ItemStreamWriter<>() {
      private Totals totals = Totals.NONE;

      @Override
      public void open(ExecutionContext context) {
        totals = context.containsKey(TOTALS) ? totalsOf(context) : totals;
      }

      @Override
      public void update(ExecutionContext context) {
        context.putString(TOTALS, new String(ManifestJson.write(totals), StandardCharsets.UTF_8));
      }

      @Override
      public void write(Chunk<? extends PartitionPruner.Result> chunk) {
        for (PartitionPruner.Result result : chunk) {
          totals = totals.plus(result);
          progress.line("retention region=" + result.region() + "/date=" + result.date() + ": " + result.rows()
              + " rows, " + result.removable() + " past the policy (" + result.evidenceRefs() + " evidence references, "
              + result.evidenceObjects() + " evidence objects " + (result.applied() ? "deleted)" : "stored)")
              + (result.applied() ? ", removed" : ""));
        }
      }
    };
  }

  public static Totals totalsOf(StepExecution step) {
    return step.getExecutionContext().containsKey(TOTALS) ? totalsOf(step.getExecutionContext()) : Totals.NONE;
  }

  private static Totals totalsOf(ExecutionContext context) {
    try {
      return ManifestJson.read(context.getString(TOTALS).getBytes(StandardCharsets.UTF_8), Totals.class);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable retention totals in the job repository", e);
    }
  }
}
