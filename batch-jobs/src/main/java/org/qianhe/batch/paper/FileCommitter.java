package org.qianhe.batch.paper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.qianhe.model.ConsentRecord;
import org.qianhe.paper.scan.ScanRejectedException;
import org.qianhe.review.NewReview;
import org.qianhe.search.index.BulkWriterSettings;
import org.qianhe.search.index.ConsentBulkWriter;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Commits what a file gave, in an order that a kill at any point leaves repairable by a rerun:
 * accepted records staged (one committed file per staging partition, named by batch and file),
 * then indexed in Elasticsearch ({@code _id} = consentId) and flushed, then the review pages
 * enqueued and the unreadable pages logged. Every one of these is idempotent, so the file in
 * flight when a run died is simply committed again.
 */
final class FileCommitter implements ItemStreamWriter<FileOutcome> {

  private final PaperServices services;
  private final PaperStaging staging;
  private final Path batchDir;
  private final String batch;
  private final PaperProgress progress;
  private ConsentBulkWriter index;

  FileCommitter(PaperServices services, PaperStaging staging, Path batchDir, PaperProgress progress) {
    this.services = services;
    this.staging = staging;
    this.batchDir = batchDir;
    this.batch = PaperBatch.name(batchDir);
    this.progress = progress;
  }

  @Override
  public void write(Chunk<? extends FileOutcome> chunk) throws IOException {
    for (FileOutcome outcome : chunk) {
      if (!outcome.accepted().isEmpty()) {
        staging.write(PaperBatch.stagingName(batchDir, outcome.file()), outcome.accepted());
        for (ConsentRecord record : outcome.accepted()) {
          index().add(record);
        }
        index().flush();
      }
      for (NewReview review : outcome.reviews()) {
        services.reviews().enqueue(review);
      }
      for (ScanRejectedException page : outcome.skippedPages()) {
        services.skips().record(batch, page.file(), page.page(), page.reason().name(), page.getMessage());
      }
      progress.fileDone(outcome);
    }
  }

  private ConsentBulkWriter index() {
    if (index == null) {
      index = new ConsentBulkWriter(services.index().client(), BulkWriterSettings.defaults());
    }
    return index;
  }

  @Override
  public void close() {
    if (index != null) {
      try {
        index.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        index = null;
      }
    }
  }

  @Override
  public void open(ExecutionContext context) {}

  @Override
  public void update(ExecutionContext context) {}
}
