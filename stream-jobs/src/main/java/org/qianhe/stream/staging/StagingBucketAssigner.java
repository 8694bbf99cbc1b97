package org.qianhe.stream.staging;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.storage.StorageLayout;

/**
 * {@code region=<code>/date=<yyyy-MM-dd>} of the record itself (the vaccination day in the clinics'
 * zone), as {@link StorageLayout} defines it for staging and archive; never the processing time, so
 * a late upload lands in the partition of the day it happened and the compaction merges it there.
 */
final class StagingBucketAssigner implements BucketAssigner<ConsentRecord, String> {

  @Override
  public String getBucketId(ConsentRecord record, BucketAssigner.Context context) {
    return StorageLayout.partition(record);
  }

  @Override
  public SimpleVersionedSerializer<String> getSerializer() {
    return SimpleVersionedStringSerializer.INSTANCE;
  }
}
