package org.qianhe.batch.paper;

import org.qianhe.paper.scan.ScanRejectedException;
import org.qianhe.review.SkipLog;
import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * The skip policy of a paper run: a scan file the opener rejects (corrupt PDF, unreadable image,
 * decompression bomb, absurd dimensions, path traversal, too large, ...) is skipped, however many
 * there are, and written to the skip log with its reason; anything else (a full disk, the database
 * or Elasticsearch gone) fails the partition, to be resumed by a rerun.
 */
final class ScanSkips implements SkipListener<String, FileOutcome> {

  /** Skips rejected scan files, as many as there are; fails on anything else. */
  static final SkipPolicy POLICY = (error, skipCount) -> error instanceof ScanRejectedException;

  private final SkipLog log;
  private final String batch;
  private final PaperProgress progress;

  ScanSkips(SkipLog log, String batch, PaperProgress progress) {
    this.log = log;
    this.batch = batch;
    this.progress = progress;
  }

  @Override
  public void onSkipInProcess(String file, Throwable error) {
    ScanRejectedException rejected = (ScanRejectedException) error;
    log.record(batch, file, rejected.page(), rejected.reason().name(), rejected.getMessage());
    progress.fileSkipped(file, rejected.reason().name());
  }
}
