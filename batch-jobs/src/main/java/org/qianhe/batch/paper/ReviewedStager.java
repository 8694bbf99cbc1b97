package org.qianhe.batch.paper;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.qianhe.batch.Progress;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.PaperLineage;
import org.qianhe.model.ReviewStatus;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.review.ReviewItem;
import org.qianhe.review.ReviewQueue;
import org.qianhe.search.index.BulkWriterSettings;
import org.qianhe.search.index.ConsentBulkWriter;

/**
 * Stages the pages reviewers approved: the record is built from the approved values (review status
 * APPROVED, or CORRECTED when a value was changed), staged in its own committed file
 * ({@code paper-review-<consentId>.parquet}), indexed, and only then marked staged in the queue. A
 * kill in between stages it again under the same name: nothing doubles.
 *
 * <p>When the reviewer corrected the form id, the record's consentId is that of the corrected id;
 * the page's evidence is then copied to the record's consentId, since the evidence store addresses
 * evidence by consentId. Approved values that still do not make a valid record are reported and
 * left unstaged (the queue keeps them approved); the run goes on.
 */
final class ReviewedStager {

  /** What a run did. */
  record Result(int staged, int refused) {}

  private static final int PAGE = 100;

  private final PaperServices services;
  private final PaperStaging staging;
  private final Progress progress;

  ReviewedStager(PaperServices services, PaperStaging staging, Progress progress) {
    this.services = services;
    this.staging = staging;
    this.progress = progress;
  }

  Result stageApproved() throws IOException {
    ReviewQueue queue = services.reviews();
    Set<String> refused = new HashSet<>();
    int staged = 0;
    ConsentBulkWriter index = null; // opened with the first approved page: a run with nothing to do needs no Elasticsearch
    try {
      while (true) {
        List<ReviewItem> approved = queue.approvedNotStaged(Math.min(ReviewQueue.MAX_PAGE_SIZE, PAGE + refused.size()))
            .stream().filter(item -> !refused.contains(item.consentId())).toList();
        if (approved.isEmpty()) {
          break;
        }
        for (ReviewItem item : approved) {
          ConsentRecord record;
          try {
            record = record(item, queue.approvedValues(item.consentId()));
          } catch (IllegalArgumentException e) {
            refused.add(item.consentId());
            progress.line("stage-reviewed: review " + item.consentId() + " (" + item.batch() + "/" + item.fileName() + " page "
                + item.page() + ") was approved with values that do not make a valid record; not staged");
            continue;
          }
          if (!record.getConsentId().equals(item.consentId())) {
            copyEvidence(item, record.getConsentId());
          }
          staging.write(PaperBatch.reviewStagingName(item.consentId()), List.of(record));
          if (index == null) {
            index = new ConsentBulkWriter(services.index().client(), BulkWriterSettings.defaults());
          }
          index.add(record);
          index.flush();
          queue.markStaged(item.consentId());
          staged++;
        }
        if (refused.size() >= ReviewQueue.MAX_PAGE_SIZE - PAGE) {
          break; // the oldest approvals are all refused ones: leave them for a person
        }
      }
    } finally {
      if (index != null) {
        index.close();
      }
    }
    return new Result(staged, refused.size());
  }

  private ConsentRecord record(ReviewItem item, Map<String, String> values) {
    ReviewStatus status = item.correctedFields().isEmpty() ? ReviewStatus.APPROVED : ReviewStatus.CORRECTED;
    return services.records().toRecord(values,
        new PaperLineage(item.batch(), item.fileName(), item.page(), item.pageConfidence(), status), item.enqueuedAt(),
        services.keys().protector(), item.evidence());
  }

  private void copyEvidence(ReviewItem item, String consentId) throws IOException {
    if (item.evidence().isEmpty()) {
      return;
    }
    EvidenceStore store = services.evidence();
    List<EvidenceItem> items = store.read(item.consentId(), item.evidence());
    store.write(consentId, CryptoSuites.INTL, items);
  }
}
