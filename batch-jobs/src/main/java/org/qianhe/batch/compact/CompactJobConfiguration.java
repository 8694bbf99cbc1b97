package org.qianhe.batch.compact;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qianhe.batch.BatchJobsProperties;
import org.qianhe.batch.ExecutionOwner;
import org.qianhe.batch.Progress;
import org.qianhe.batch.archive.ArchiveStorage;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The compact job: one partitioned step whose partitions are the region-days to compact, each
 * compacted by {@link PartitionCompactor} on its own worker thread. Job parameters: {@code root},
 * {@code date}, {@code region} ("*" for all) and {@code inputs} (the fingerprint of what is staged,
 * see {@link StagingScan#fingerprint}); a restart skips the partitions already completed.
 */
@Configuration(proxyBeanMethods = false)
public class CompactJobConfiguration {

  public static final String JOB = "compact";
  public static final String ALL_REGIONS = "*";

  @Bean
  Job compactJob(JobRepository repository, Step compactPartitions) {
    return new JobBuilder(JOB, repository)
        .listener(new ExecutionOwner(repository))
        .start(compactPartitions)
        .build();
  }

  @Bean
  Step compactPartitions(JobRepository repository, Step compactPartition, Partitioner compactPartitioner,
      BatchJobsProperties properties) {
    // Not a bean: a TaskExecutor bean would be taken for the application's and make jobs async.
    SimpleAsyncTaskExecutor workers = new SimpleAsyncTaskExecutor("compact-");
    workers.setConcurrencyLimit(properties.compact().threads());
    return new StepBuilder("compactPartitions", repository)
        .partitioner("compactPartition", compactPartitioner)
        .step(compactPartition)
        .taskExecutor(workers)
        .gridSize(properties.compact().threads())
        .build();
  }

  @Bean
  Step compactPartition(JobRepository repository, PlatformTransactionManager transactionManager, Tasklet compactTasklet) {
    return new StepBuilder("compactPartition", repository).tasklet(compactTasklet, transactionManager).build();
  }

  @Bean
  @StepScope
  Partitioner compactPartitioner(@Value("#{jobParameters['date']}") String date,
      @Value("#{jobParameters['region']}") String region, ArchiveStorage storage, Progress progress) {
    return gridSize -> {
      try {
        var regions = new StagingScan(storage).regionsToCompact(LocalDate.parse(date),
            ALL_REGIONS.equals(region) ? null : region);
        progress.line("compact " + date + ": " + regions.size() + " partition(s) to compact " + regions);
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (String code : regions) {
          ExecutionContext context = new ExecutionContext();
          context.putString("region", code);
          partitions.put("region=" + code, context);
        }
        return partitions;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
  }

  @Bean
  @StepScope
  Tasklet compactTasklet(@Value("#{jobParameters['date']}") String date,
      @Value("#{stepExecutionContext['region']}") String region, PartitionCompactor compactor, Progress progress) {
    return (contribution, chunkContext) -> {
      long started = System.nanoTime();
      CompactionResult result = compactor.compact(region, LocalDate.parse(date));
      contribution.incrementWriteCount(result.rows());
      ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
      context.putLong("rows", result.rows());
      context.putString("merkleRoot", result.merkleRoot());
      contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(result.summary()));
      progress.line(result.summary() + String.format(" [%.1f s]", (System.nanoTime() - started) / 1e9));
      return RepeatStatus.FINISHED;
    };
  }
}
