package org.qianhe.batch;

import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.cli.BatchCli;
import org.qianhe.batch.compact.CompactSettings;
import org.qianhe.batch.compact.PartitionCompactor;
import org.qianhe.batch.archive.ConsentParquet.ParquetSettings;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The batch-jobs application: Spring Batch jobs behind one CLI ({@link BatchCli}). */
@SpringBootApplication
@EnableConfigurationProperties(BatchJobsProperties.class)
public class BatchJobsApplication {

  public static void main(String[] args) {
    System.exit(BatchCli.run(args));
  }

  @Bean(destroyMethod = "")
  ArchiveStorage archiveStorage(BatchJobsProperties properties) {
    return ArchiveStorage.open(properties.root(), properties.hadoop());
  }

  @Bean
  Progress progress() {
    return Progress.stdout();
  }

  @Bean
  CompactSettings compactSettings(BatchJobsProperties properties) {
    BatchJobsProperties.Compact compact = properties.compact();
    return new CompactSettings(compact.targetFileSize().toBytes(),
        new ParquetSettings(compact.rowGroupSize().toBytes(), (int) compact.pageSize().toBytes(), compact.bloomFilterFpp()),
        compact.zstdLevel(), compact.sortMemory().toBytes(), compact.fileWriteDelay());
  }

  @Bean
  PartitionCompactor partitionCompactor(ArchiveStorage storage, CompactSettings settings, Progress progress) {
    return new PartitionCompactor(storage, settings, progress);
  }
}
