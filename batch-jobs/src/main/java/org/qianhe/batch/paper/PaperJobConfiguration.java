package org.qianhe.batch.paper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qianhe.batch.BatchJobsProperties;
import org.qianhe.batch.ExecutionOwner;
import org.qianhe.batch.Progress;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.paper.PaperConfig;
import org.qianhe.paper.scan.Manifest;
import org.qianhe.paper.scan.ScanBatch;
import org.qianhe.paper.scan.ScanRejectedException;
import org.qianhe.search.index.ConsentIndexClient;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The paper migration jobs.
 *
 * <p>{@code migratePaper} (job parameters {@code batch}, the folder's absolute path, {@code root}
 * and {@code inputs}, the fingerprint of the batch's files): {@code listScanBatch} logs the entries
 * the listing refuses (path traversal, links out of the folder) and the manifest's problems;
 * {@code readScanFiles} is partitioned over {@code qianhe.batch.paper.threads} worker threads,
 * each a fault-tolerant chunk step over its share of the files, one file per chunk, skipping
 * rejected files into the skip log; {@code stageReviewed} stages the pages reviewers approved.
 *
 * <p>{@code stageReviewed} (parameter {@code run}) is the last step alone, for a cron run between
 * batches.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaperJobProperties.class)
public class PaperJobConfiguration {

  public static final String JOB = "migratePaper";
  public static final String STAGE_JOB = "stageReviewed";
  public static final String READ_STEP = "readScanFiles";
  public static final String STAGE_STEP = "stageReviewed";

  /** Each service inside is opened on first use; all are closed with the application. */
  @Bean(destroyMethod = "close")
  PaperServices paperServices(PaperJobProperties properties, BatchJobsProperties batch, Environment environment,
      ObjectProvider<ConsentIndexClient> index) {
    Map<String, String> paper = new LinkedHashMap<>();
    for (PaperConfig.Key key : PaperConfig.Key.values()) {
      String value = environment.getProperty(key.property());
      if (value != null) {
        paper.put(key.property(), value);
      }
    }
    return new PaperServices(properties, batch.evidence(), PaperConfig.from(paper), index);
  }

  @Bean
  PaperProgress paperProgress(Progress progress) {
    return new PaperProgress(progress);
  }

  @Bean
  Job migratePaperJob(JobRepository repository, Step listScanBatch, Step readScanFiles, Step stageReviewed,
      PaperProgress progress) {
    return new JobBuilder(JOB, repository)
        .listener(new ExecutionOwner(repository))
        .listener(new JobExecutionListener() {
          @Override
          public void beforeJob(JobExecution execution) {
            progress.start();
          }
        })
        .start(listScanBatch).next(readScanFiles).next(stageReviewed)
        .build();
  }

  @Bean
  Job stageReviewedJob(JobRepository repository, Step stageReviewed) {
    return new JobBuilder(STAGE_JOB, repository).listener(new ExecutionOwner(repository)).start(stageReviewed).build();
  }

  @Bean
  Step listScanBatch(JobRepository repository, PlatformTransactionManager tx, Tasklet listScanBatchTasklet) {
    return new StepBuilder("listScanBatch", repository).tasklet(listScanBatchTasklet, tx).build();
  }

  @Bean
  @StepScope
  Tasklet listScanBatchTasklet(@Value("#{jobParameters['batch']}") String batch, PaperServices services,
      Progress progress) {
    return (contribution, chunkContext) -> {
      Path dir = Path.of(batch);
      String name = PaperBatch.name(dir);
      ScanBatch.Listing listing = ScanBatch.list(dir);
      for (ScanRejectedException rejected : listing.rejected()) {
        services.skips().record(name, rejected.file(), rejected.page(), rejected.reason().name(), rejected.getMessage());
        progress.line("migrate-paper: " + rejected.getMessage() + " (skip log)");
      }
      manifest(dir).problems().forEach(problem -> progress.line("migrate-paper: manifest: " + problem));
      progress.line("migrate-paper " + name + ": " + listing.files().size() + " scan file(s), " + listing.rejected().size()
          + " refused on sight");
      contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(listing.files().size() + " files"));
      return RepeatStatus.FINISHED;
    };
  }

  @Bean
  Step readScanFiles(JobRepository repository, Step readScanPartition, Partitioner scanPartitioner,
      PaperJobProperties properties) {
    // Not a bean: a TaskExecutor bean would be taken for the application's and make jobs async.
    SimpleAsyncTaskExecutor workers = new SimpleAsyncTaskExecutor("paper-");
    workers.setConcurrencyLimit(properties.threads());
    return new StepBuilder(READ_STEP, repository)
        .partitioner("readScanPartition", scanPartitioner)
        .step(readScanPartition)
        .taskExecutor(workers)
        .gridSize(properties.threads())
        .build();
  }

  /** Partition i of n takes every n-th file of the stable listing from the i-th: contexts stay tiny. */
  @Bean
  Partitioner scanPartitioner() {
    return gridSize -> {
      Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
      for (int i = 0; i < gridSize; i++) {
        ExecutionContext context = new ExecutionContext();
        context.putInt("partition", i);
        context.putInt("partitions", gridSize);
        partitions.put("files-" + i + "-of-" + gridSize, context);
      }
      return partitions;
    };
  }

  @Bean
  Step readScanPartition(JobRepository repository, PlatformTransactionManager tx, ItemStreamReader<String> scanFiles,
      ItemProcessor<String, FileOutcome> pageReading, ItemStreamWriter<FileOutcome> fileCommitter,
      SkipListener<String, FileOutcome> scanSkipLog) {
    return new StepBuilder("readScanPartition", repository)
        .<String, FileOutcome>chunk(1)
        .transactionManager(tx)
        .reader(scanFiles)
        .processor(pageReading)
        .writer(fileCommitter)
        .faultTolerant()
        .skipPolicy(ScanSkips.POLICY)
        .skipListener(scanSkipLog)
        .build();
  }

  @Bean
  @StepScope
  ItemStreamReader<String> scanFiles(@Value("#{jobParameters['batch']}") String batch,
      @Value("#{stepExecutionContext['partition']}") Integer partition,
      @Value("#{stepExecutionContext['partitions']}") Integer partitions, PaperProgress progress) {
    return new ScanFiles(Path.of(batch), partition, partitions, progress);
  }

  @Bean
  @StepScope
  ItemProcessor<String, FileOutcome> pageReading(@Value("#{jobParameters['batch']}") String batch,
      PaperServices services) throws IOException {
    Path dir = Path.of(batch);
    return new PageReading(services, dir, manifest(dir));
  }

  @Bean
  @StepScope
  ItemStreamWriter<FileOutcome> fileCommitter(@Value("#{jobParameters['batch']}") String batch,
      PaperServices services, ArchiveStorage storage, PaperProgress progress) {
    return new FileCommitter(services, new PaperStaging(storage), Path.of(batch), progress);
  }

  @Bean
  @StepScope
  SkipListener<String, FileOutcome> scanSkipLog(@Value("#{jobParameters['batch']}") String batch, PaperServices services,
      PaperProgress progress) {
    return new ScanSkips(services.skips(), PaperBatch.name(Path.of(batch)), progress);
  }

  @Bean
  Step stageReviewed(JobRepository repository, PlatformTransactionManager tx, Tasklet stageReviewedTasklet) {
    return new StepBuilder(STAGE_STEP, repository).tasklet(stageReviewedTasklet, tx).allowStartIfComplete(true).build();
  }

  @Bean
  Tasklet stageReviewedTasklet(PaperServices services, ArchiveStorage storage, Progress progress) {
    return (contribution, chunkContext) -> {
      ReviewedStager.Result result = new ReviewedStager(services, new PaperStaging(storage), progress).stageApproved();
      contribution.incrementWriteCount(result.staged());
      progress.line("stage-reviewed: " + result.staged() + " approved page(s) staged and indexed"
          + (result.refused() > 0 ? ", " + result.refused() + " approved with values that make no valid record (not staged)" : ""));
      return RepeatStatus.FINISHED;
    };
  }

  static Manifest manifest(Path batchDir) throws IOException {
    Path csv = batchDir.resolve(PaperBatch.MANIFEST);
    return Files.isRegularFile(csv) ? Manifest.read(csv, batchDir) : Manifest.empty();
  }
}
