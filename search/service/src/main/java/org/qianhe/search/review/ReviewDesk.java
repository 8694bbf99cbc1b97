package org.qianhe.search.review;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.qianhe.ingest.evidence.EvidenceIntegrityException;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.people.Masking;
import org.qianhe.review.ReviewException;
import org.qianhe.review.ReviewField;
import org.qianhe.review.ReviewItem;
import org.qianhe.review.ReviewPage;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditEvent;
import org.qianhe.search.audit.AuditLog;
import org.qianhe.search.consent.RevealRules;
import org.qianhe.search.evidence.EvidenceImage;
import org.qianhe.search.evidence.EvidenceRendering;
import org.qianhe.search.evidence.EvidenceVault;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.security.Role;
import org.qianhe.search.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a reviewer does with the paper review queue: list the pending pages of their regions, open
 * one (the values read, identities masked, beside the scan page decrypted on demand and
 * watermarked), approve it with corrections, or reject it with a reason. Only REVIEWER accounts;
 * a page outside the reviewer's regions is "not found", like one that does not exist. Every view is
 * audited before it is answered; a decision and its audit row are committed in one transaction, so
 * there is never a decision without its row. Refusals are audited too.
 */
@Service
public class ReviewDesk {

  static final int PAGE_SIZE = 50;

  private final PaperReviewQueue queue;
  private final EvidenceVault vault;
  private final EvidenceRendering rendering;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  ReviewDesk(PaperReviewQueue queue, EvidenceVault vault, EvidenceRendering rendering, AuditLog audit,
      PlatformTransactionManager transactions) {
    this.queue = queue;
    this.vault = vault;
    this.rendering = rendering;
    this.audit = audit;
    this.transactions = new TransactionTemplate(transactions);
  }

  /** A page of the pending pages of the reviewer's regions, oldest first. */
  public ReviewPage pending(Analyst who, int offset) {
    requireReviewer(who, null, "review queue");
    ReviewPage page = queue.queue().pending(who.scope().prefixes(), Math.max(0, offset), PAGE_SIZE);
    audit.record(new AuditEvent(who.username(), AuditAction.REVIEW_VIEW, null,
        "review queue from " + page.offset() + ": " + page.items().size() + " of " + page.total() + " pending", page.items().size(),
        null));
    return page;
  }

  /** One page under review, with its scan. */
  public ReviewSheet open(Analyst who, String consentId) {
    ReviewItem item = inScope(who, consentId, "review");
    Map<String, String> values = queue.queue().readValues(consentId);
    List<ReviewSheet.FieldRow> rows = item.fields().stream().map(f -> row(f, values.getOrDefault(f.name(), ""))).toList();
    List<EvidenceImage> images = new ArrayList<>();
    String problem = scans(who, item, images);
    audit.record(new AuditEvent(who.username(), AuditAction.REVIEW_VIEW, consentId, "review page opened ("
        + item.status() + ", " + images.size() + " image(s))", 1, null));
    return new ReviewSheet(item, rows, images, problem);
  }

  /** Approves the page with the corrections (field name to whole new value); returns the decided row. */
  public ReviewItem approve(Analyst who, String consentId, Map<String, String> corrections) {
    inScope(who, consentId, "review approve");
    return decide(who, consentId, "review approve", () -> {
      ReviewItem approved = queue.queue().approve(consentId, corrections, who.username());
      audit.record(new AuditEvent(who.username(), AuditAction.REVIEW_APPROVE, consentId, "review approved; corrected: "
          + (approved.correctedFields().isEmpty() ? "nothing" : String.join(", ", approved.correctedFields())), 1, null));
      return approved;
    });
  }

  /** Rejects the page: it is never archived. The reason is kept in the queue and the audit log. */
  public ReviewItem reject(Analyst who, String consentId, String reason) {
    inScope(who, consentId, "review reject");
    return decide(who, consentId, "review reject", () -> {
      ReviewItem rejected = queue.queue().reject(consentId, reason, who.username());
      audit.record(new AuditEvent(who.username(), AuditAction.REVIEW_REJECT, consentId, "review rejected", 1,
          rejected.rejectReason()));
      return rejected;
    });
  }

  private ReviewItem decide(Analyst who, String consentId, String what, Supplier<ReviewItem> decision) {
    try {
      // the queue's own transaction joins this one (same DataSource): decision and audit row commit together
      return transactions.execute(status -> decision.get());
    } catch (ReviewException e) {
      audit.record(AuditEvent.denied(who.username(), consentId, what + " refused: " + e.problem()));
      throw problem(e);
    }
  }

  private ReviewItem inScope(Analyst who, String consentId, String what) {
    requireReviewer(who, consentId, what);
    RevealRules.requireValidId(consentId);
    Optional<ReviewItem> item = queue.queue().find(consentId).filter(i -> who.scope().covers(i.regionCode()));
    if (item.isEmpty()) {
      audit.record(AuditEvent.denied(who.username(), consentId, what + " refused: no such page in scope"));
      throw ProblemException.of(HttpStatus.NOT_FOUND, "review-not-found", "Page not found",
          "No page under review has this id within the regions your account may see.");
    }
    return item.get();
  }

  private void requireReviewer(Analyst who, String consentId, String what) {
    if (!who.has(Role.REVIEWER)) {
      audit.record(AuditEvent.denied(who.username(), consentId, what + " refused: not a reviewer"));
      throw new AccessDeniedException("only a reviewer may review paper pages");
    }
  }

  /** Decrypts and watermarks the scan page and signature; the reason when they cannot be shown. */
  private String scans(Analyst who, ReviewItem item, List<EvidenceImage> images) {
    List<EvidenceItem> items;
    try {
      items = vault.read(item.consentId(), item.evidence());
    } catch (FileNotFoundException e) {
      return "the evidence store holds no scan of this page";
    } catch (EvidenceIntegrityException e) {
      return "the stored scan of this page does not open or does not match its digest";
    } catch (IOException e) {
      return "the evidence store cannot be read now";
    }
    try {
      for (EvidenceItem evidence : items) {
        if (evidence.ref().getKind() == EvidenceKind.SCAN || evidence.ref().getKind() == EvidenceKind.SIGNATURE) {
          images.add(rendering.render(evidence, who.username(), "review " + item.consentId()));
        }
      }
      return null;
    } catch (IOException e) {
      images.clear();
      return "the stored scan of this page cannot be shown as an image";
    } finally {
      items.forEach(i -> Arrays.fill(i.data(), (byte) 0));
    }
  }

  private static ReviewSheet.FieldRow row(ReviewField field, String value) {
    return new ReviewSheet.FieldRow(field.name(), field.identity() ? mask(field.name(), value) : value, field.confidence(),
        field.status(), field.identity());
  }

  /** Names keep their family name, phones their ends, ID numbers their region and last four. */
  static String mask(String fieldName, String value) {
    if (value.isEmpty()) {
      return "";
    }
    String name = fieldName.toLowerCase(Locale.ROOT);
    if (name.endsWith("name")) {
      return Masking.name(value);
    }
    return name.contains("phone") ? Masking.phone(value) : Masking.idNumber(value);
  }

  private static ProblemException problem(ReviewException e) {
    return switch (e.problem()) {
      case INVALID -> ProblemException.of(HttpStatus.BAD_REQUEST, "review-invalid", "Review not accepted", e.getMessage());
      case NOT_FOUND -> ProblemException.of(HttpStatus.NOT_FOUND, "review-not-found", "Page not found",
          "No page under review has this id within the regions your account may see.");
      case CONFLICT -> ProblemException.of(HttpStatus.CONFLICT, "review-conflict", "Already decided", e.getMessage());
    };
  }
}
