package org.qianhe.batch.reindex;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.qianhe.batch.BatchJobsProperties;
import org.qianhe.batch.ExecutionOwner;
import org.qianhe.batch.Progress;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.verify.PartitionRef;
import org.qianhe.search.index.BulkWriterSettings;
import org.qianhe.search.index.ConsentBulkWriter;
import org.qianhe.search.index.ConsentIndexClient;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The reindex job: rebuild the search index from the archive (and what is staged) into a new
 * index {@code consents-rebuild-<run>} behind its own write alias, check the count of every
 * region-day, then swap the live alias {@code consents} in one atomic request and copy what the
 * live pipeline indexed meanwhile. Searches keep going to the old index until the swap. The old
 * index is kept for a rollback. Job parameters: {@code root}, {@code elasticsearch}, {@code run}.
 */
@Configuration(proxyBeanMethods = false)
public class ReindexJobConfiguration {

  public static final String JOB = "reindex";
  private static final String RUN = "#{jobParameters['run']}";

  static String newIndex(long run) {
    return "consents-rebuild-" + run;
  }

  static String buildAlias(long run) {
    return newIndex(run) + "-write";
  }

  /** Lazy: only the reindex job talks to Elasticsearch, and its users are step-scoped (created when the step runs). */
  @Bean(destroyMethod = "close")
  @Lazy
  ConsentIndexClient consentIndexClient(BatchJobsProperties properties) {
    return ConsentIndexClient.connect(properties.elasticsearch().url());
  }

  @Bean
  Job reindexJob(JobRepository repository, Step prepareRebuild, Step indexRegionDays, Step swapAlias) {
    return new JobBuilder(JOB, repository).listener(new ExecutionOwner(repository))
        .start(prepareRebuild).next(indexRegionDays).next(swapAlias).build();
  }

  @Bean
  Step prepareRebuild(JobRepository repository, PlatformTransactionManager tx, Tasklet prepareRebuildTasklet) {
    return new StepBuilder("prepareRebuild", repository).tasklet(prepareRebuildTasklet, tx).build();
  }

  @Bean
  @StepScope
  Tasklet prepareRebuildTasklet(@Value(RUN) Long run, ConsentIndexClient index, Progress progress) {
    return (contribution, chunk) -> {
      new IndexRebuild(index).prepare(newIndex(run), buildAlias(run));
      progress.line("reindex: building " + newIndex(run) + " behind alias " + buildAlias(run));
      return RepeatStatus.FINISHED;
    };
  }

  @Bean
  Step indexRegionDays(JobRepository repository, PlatformTransactionManager tx,
      ItemStreamReader<PartitionRef> regionDayReader, RegionDayIndexer regionDayIndexer,
      ItemWriter<PartitionIndexer.Result> reindexProgress) {
    return new StepBuilder("indexRegionDays", repository)
        .<PartitionRef, PartitionIndexer.Result>chunk(1)
        .transactionManager(tx)
        .reader(regionDayReader)
        .processor(regionDayIndexer)
        .writer(reindexProgress)
        .stream(regionDayIndexer)
        .build();
  }

  @Bean
  @StepScope
  ItemStreamReader<PartitionRef> regionDayReader(ArchiveStorage storage) {
    return new ItemStreamReader<>() {
      private static final String INDEX = "reindex.partition.index";
      private List<PartitionRef> days;
      private int next;

      @Override
      public void open(ExecutionContext context) {
        try {
          days = RegionDays.all(storage);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        next = context.containsKey(INDEX) ? context.getInt(INDEX) : 0;
      }

      @Override
      public void update(ExecutionContext context) {
        context.putInt(INDEX, next);
      }

      @Override
      public PartitionRef read() {
        return next < days.size() ? days.get(next++) : null;
      }
    };
  }

  @Bean
  @StepScope
  RegionDayIndexer regionDayIndexer(@Value(RUN) Long run, ArchiveStorage storage, ConsentIndexClient index) {
    return new RegionDayIndexer(storage, index, run);
  }

  @Bean
  @StepScope
  ItemWriter<PartitionIndexer.Result> reindexProgress(Progress progress) {
    return (Chunk<? extends PartitionIndexer.Result> chunk) -> {
      for (PartitionIndexer.Result result : chunk) {
        progress.line("reindex region=" + result.region() + "/date=" + result.date() + ": " + result.archived()
            + " archived + " + result.staged() + " staged -> " + result.documents() + " documents, count checked");
      }
    };
  }

  @Bean
  Step swapAlias(JobRepository repository, PlatformTransactionManager tx, Tasklet swapAliasTasklet) {
    return new StepBuilder("swapAlias", repository).tasklet(swapAliasTasklet, tx).build();
  }

  @Bean
  @StepScope
  Tasklet swapAliasTasklet(@Value(RUN) Long run, ConsentIndexClient index, BatchJobsProperties properties,
      Progress progress) {
    return (contribution, chunk) -> {
      IndexRebuild rebuild = new IndexRebuild(index);
      String target = newIndex(run);
      List<String> old = rebuild.liveIndices().stream().filter(name -> !name.equals(target)).toList();
      Instant since = Instant.ofEpochMilli(run).minus(properties.reindex().catchUpWindow());
      // Before the swap, so searches find the recent documents in the new index at once; after it
      // again for what the pipeline indexed into the old one in between.
      long copiedBefore = rebuild.catchUp(old, target, since);
      if (!old.isEmpty() || !rebuild.liveIndices().contains(target)) {
        rebuild.swap(old, target, buildAlias(run));
      }
      long copiedAfter = rebuild.catchUp(old, target, since);
      progress.line("reindex: alias " + ConsentIndexClient.ALIAS + " now on " + target + " (was " + old + "); "
          + copiedBefore + " documents received since " + since + " copied from the old index before the swap ("
          + copiedAfter + " again after it); "
          + rebuild.count(target) + " documents in all. Old index kept for a rollback.");
      return RepeatStatus.FINISHED;
    };
  }

  /** Processor of the index step; owns the bulk writer for the step's life. Not final: the step scope proxies it by subclass. */
  static class RegionDayIndexer implements ItemProcessor<PartitionRef, PartitionIndexer.Result>, ItemStream {

    private final ArchiveStorage storage;
    private final ConsentIndexClient index;
    private final long run;
    private ConsentBulkWriter writer;
    private PartitionIndexer indexer;

    RegionDayIndexer(ArchiveStorage storage, ConsentIndexClient index, long run) {
      this.storage = storage;
      this.index = index;
      this.run = run;
    }

    @Override
    public void open(ExecutionContext context) {
      writer = new ConsentBulkWriter(index.client(), BulkWriterSettings.defaults().withAlias(buildAlias(run)));
      indexer = new PartitionIndexer(storage, new IndexRebuild(index));
    }

    @Override
    public PartitionIndexer.Result process(PartitionRef day) throws IOException {
      return indexer.index(day.region(), LocalDate.parse(day.date()), writer, newIndex(run));
    }

    @Override
    public void close() {
      if (writer != null) {
        try {
          writer.close();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        writer = null;
      }
    }
  }
}
