package org.qianhe.batch.compact;

import java.time.Duration;
import org.qianhe.batch.archive.ConsentParquet.ParquetSettings;

/**
 * The tuning of a compaction (from {@code qianhe.batch.compact.*}).
 *
 * @param targetFileBytes a new part file is started once the current one reaches this size
 * @param sortMemoryBytes a partition is sorted in memory; more encoded bytes than this fail clearly
 * @param fileWriteDelay  pause after each written file; zero except in tests that kill a run mid-way
 */
public record CompactSettings(long targetFileBytes, ParquetSettings parquet, int zstdLevel, long sortMemoryBytes,
    Duration fileWriteDelay) {}
