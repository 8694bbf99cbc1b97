package org.qianhe.stream.staging;

import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.storage.StorageLayout;

/**
 * The staging area the nightly compaction reads: {@code <root>/staging/region=…/date=…/part-….parquet}.
 *
 * <p>Exactly once through the FileSink's two-phase commit: a bulk format rolls on every checkpoint,
 * files are written as hidden in-progress files ({@code .part-…inprogress…}, which readers of the
 * layout skip) and renamed to their final {@code .parquet} name only when the checkpoint completes;
 * after a failure, uncommitted files are discarded and the records replayed. Files are small (one
 * per partition, subtask and checkpoint); compaction into large sorted ones is the nightly job's.
 */
public final class StagingSink {

  static final String PART_PREFIX = "part";
  static final String PART_SUFFIX = ".parquet";

  private StagingSink() {}

  /** @param root Hadoop FileSystem URI of the archive root, e.g. {@code file:///var/tmp/qianhe} */
  public static FileSink<ConsentRecord> create(String root, CompressionCodecName compression) {
    return FileSink.forBulkFormat(stagingDir(root), new ParquetWriterFactory<>(new ConsentParquetBuilder(compression)))
        .withBucketAssigner(new StagingBucketAssigner())
        .withRollingPolicy(OnCheckpointRollingPolicy.build())
        .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix(PART_PREFIX).withPartSuffix(PART_SUFFIX).build())
        .build();
  }

  static Path stagingDir(String root) {
    return new Path((root.endsWith("/") ? root : root + "/") + StorageLayout.STAGING);
  }
}
