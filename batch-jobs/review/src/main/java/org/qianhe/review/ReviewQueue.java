package org.qianhe.review;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.qianhe.model.SealedIdentity;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.review.ReviewException.Problem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The paper review queue over JDBC (PostgreSQL, or H2 in PostgreSQL mode). Thread-safe.
 *
 * <p>Values read from a form are sealed with the identity sealer (the ingest service's key, the
 * consentId as associated data) before they reach the table; every other column is
 * non-identifying. State changes are guarded in SQL ({@code WHERE status = 'PENDING'}), so two
 * reviewers deciding the same page at once get one success and one {@link Problem#CONFLICT}.
 */
public final class ReviewQueue {

  public static final int MAX_VALUE_LENGTH = 200;
  public static final int MAX_REASON_LENGTH = 500;
  public static final int MAX_PAGE_SIZE = 1000;
  private static final Pattern REGION_PREFIX = Pattern.compile("\\*|\\d{1,6}");
  private static final String COLUMNS = "consent_id, batch, file_name, page, region_code, status, reasons, fields,"
      + " page_confidence, evidence_address, evidence, corrected_fields, reviewer, reject_reason, enqueued_at,"
      + " decided_at, staged_at";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final IdentitySealer sealer;
  private final Clock clock;

  /**
   * Migrates the table if needed ({@link ReviewSchema}).
   *
   * @param sealer the ingest service's identity sealer (its key file), so the vault can open values too
   */
  public ReviewQueue(DataSource dataSource, IdentitySealer sealer, Clock clock) {
    ReviewSchema.migrate(dataSource);
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.sealer = sealer;
    this.clock = clock;
  }

  /**
   * Adds a page; idempotent on the consentId: a page already in the queue (whatever its status) is
   * left as it is, so a restarted job never doubles it nor undoes a decision.
   *
   * @return true when the page was added, false when it was already there
   */
  public boolean enqueue(NewReview review) {
    SealedIdentity sealed = sealer.seal(ReviewJson.values(review.values()), review.consentId());
    try {
      // a plain INSERT and the primary key, not ON CONFLICT: H2's PostgreSQL mode does not parse it
      jdbc.sql("INSERT INTO paper_review (consent_id, batch, file_name, page, region_code, status, reasons,"
              + " fields, page_confidence, evidence_address, evidence, sealing_key_id, read_values, enqueued_at)"
              + " VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(review.consentId(), review.batch(), review.fileName(), review.page(), review.regionCode(),
              ReviewJson.strings(review.reasons()), ReviewJson.fields(review.fields()), review.pageConfidence(),
              review.evidenceAddress(), ReviewJson.evidence(review.evidence()), sealed.getKeyId(), bytes(sealed),
              timestamp(clock.instant()))
          .update();
      return true;
    } catch (DuplicateKeyException alreadyQueued) {
      return false;
    }
  }

  /**
   * Pending pages in the given region scope, oldest first.
   *
   * @param regionPrefixes prefixes of region codes as the search service scopes users ({@code 41},
   *                       {@code 4101}, {@code 410105}), or {@code *} for every region (and the
   *                       pages whose region could not be read); an empty scope sees nothing
   */
  public ReviewPage pending(Collection<String> regionPrefixes, int offset, int limit) {
    ReviewException.require(offset >= 0, "offset must not be negative");
    ReviewException.require(limit >= 1 && limit <= MAX_PAGE_SIZE, "limit must be 1 to " + MAX_PAGE_SIZE);
    for (String prefix : regionPrefixes) {
      ReviewException.require(prefix != null && REGION_PREFIX.matcher(prefix).matches(),
          "a region prefix is 1 to 6 digits, or *");
    }
    if (regionPrefixes.isEmpty()) {
      return new ReviewPage(List.of(), 0, offset, limit);
    }
    List<Object> params = new ArrayList<>();
    String scope = scope(regionPrefixes, params);
    long total = jdbc.sql("SELECT COUNT(*) FROM paper_review WHERE status = 'PENDING' AND " + scope)
        .params(params).query(Long.class).single();
    params.add(limit);
    params.add(offset);
    List<ReviewItem> items = jdbc.sql("SELECT " + COLUMNS + " FROM paper_review WHERE status = 'PENDING' AND " + scope
            + " ORDER BY enqueued_at, consent_id LIMIT ? OFFSET ?")
        .params(params).query(ReviewQueue::item).list();
    return new ReviewPage(items, total, offset, limit);
  }

  public Optional<ReviewItem> find(String consentId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM paper_review WHERE consent_id = ?").param(consentId)
        .query(ReviewQueue::item).optional();
  }

  /** The values as read from the form, by field name (identities in clear: show masked, never log). */
  public Map<String, String> readValues(String consentId) {
    return open(consentId, "read_values");
  }

  /** The values the reviewer approved (read values with the corrections applied); fails unless approved. */
  public Map<String, String> approvedValues(String consentId) {
    ReviewItem item = existing(consentId);
    if (item.status() != ReviewStatus.APPROVED) {
      throw new ReviewException(Problem.CONFLICT, "review " + consentId + " is " + item.status() + ", not APPROVED");
    }
    return open(consentId, "approved_values");
  }

  /**
   * Approves a pending page with the reviewer's corrections.
   *
   * @param corrections new values of fields the page has (by field name); may be empty
   * @throws ReviewException INVALID for a blank reviewer, an unknown field or a value that is too
   *                         long; NOT_FOUND; CONFLICT when the page is not pending
   */
  public ReviewItem approve(String consentId, Map<String, String> corrections, String reviewer) {
    requireReviewer(reviewer);
    ReviewException.require(corrections != null, "corrections must not be null (empty when none)");
    return decide(consentId, () -> {
      Map<String, String> values = new LinkedHashMap<>(open(consentId, "read_values"));
      List<String> corrected = new ArrayList<>();
      for (Map.Entry<String, String> correction : new TreeMap<>(corrections).entrySet()) {
        String field = correction.getKey();
        String value = correction.getValue();
        ReviewException.require(values.containsKey(field), "the page has no field " + safeName(field));
        ReviewException.require(value != null && value.length() <= MAX_VALUE_LENGTH,
            "the value of " + field + " must be at most " + MAX_VALUE_LENGTH + " characters");
        if (!value.strip().equals(values.get(field))) {
          values.put(field, value.strip());
          corrected.add(field);
        }
      }
      SealedIdentity sealed = sealer.seal(ReviewJson.values(values), consentId);
      return jdbc.sql("UPDATE paper_review SET status = 'APPROVED', approved_values = ?, sealing_key_id = ?,"
              + " corrected_fields = ?, reviewer = ?, decided_at = ? WHERE consent_id = ? AND status = 'PENDING'")
          .params(bytes(sealed), sealed.getKeyId(), ReviewJson.strings(corrected), reviewer, timestamp(clock.instant()),
              consentId)
          .update();
    });
  }

  /** Rejects a pending page: it is never archived. The reason is kept in clear: describe, do not quote the form. */
  public ReviewItem reject(String consentId, String reason, String reviewer) {
    requireReviewer(reviewer);
    ReviewException.require(reason != null && !reason.isBlank() && reason.length() <= MAX_REASON_LENGTH,
        "a rejection needs a reason of at most " + MAX_REASON_LENGTH + " characters");
    return decide(consentId, () -> jdbc.sql("UPDATE paper_review SET status = 'REJECTED', reject_reason = ?,"
            + " reviewer = ?, decided_at = ? WHERE consent_id = ? AND status = 'PENDING'")
        .params(reason.strip(), reviewer, timestamp(clock.instant()), consentId)
        .update());
  }

  /** Approved pages not staged yet, oldest decision first (what migrate-paper stages). */
  public List<ReviewItem> approvedNotStaged(int limit) {
    ReviewException.require(limit >= 1 && limit <= MAX_PAGE_SIZE, "limit must be 1 to " + MAX_PAGE_SIZE);
    return jdbc.sql("SELECT " + COLUMNS + " FROM paper_review WHERE status = 'APPROVED' AND staged_at IS NULL"
            + " ORDER BY decided_at, consent_id LIMIT ?")
        .param(limit).query(ReviewQueue::item).list();
  }

  /**
   * Records that the approved page's record is staged. Idempotent: a job restarted after staging
   * but before marking marks again.
   *
   * @return true when marked now, false when it already was
   * @throws ReviewException NOT_FOUND; CONFLICT when the page is not approved
   */
  public boolean markStaged(String consentId) {
    int marked = jdbc.sql("UPDATE paper_review SET staged_at = ? WHERE consent_id = ? AND status = 'APPROVED'"
            + " AND staged_at IS NULL")
        .params(timestamp(clock.instant()), consentId).update();
    if (marked == 1) {
      return true;
    }
    ReviewItem item = existing(consentId);
    if (item.status() != ReviewStatus.APPROVED) {
      throw new ReviewException(Problem.CONFLICT, "review " + consentId + " is " + item.status() + ", not APPROVED");
    }
    return false;
  }

  private ReviewItem decide(String consentId, java.util.function.IntSupplier update) {
    return transactions.execute(tx -> {
      ReviewItem item = existing(consentId);
      if (item.status() != ReviewStatus.PENDING) {
        throw new ReviewException(Problem.CONFLICT, "review " + consentId + " is already " + item.status());
      }
      if (update.getAsInt() != 1) {
        // another reviewer decided between the read and the update
        throw new ReviewException(Problem.CONFLICT, "review " + consentId + " was decided by someone else meanwhile");
      }
      return existing(consentId);
    });
  }

  private ReviewItem existing(String consentId) {
    return find(consentId).orElseThrow(() -> new ReviewException(Problem.NOT_FOUND,
        "no page under review has consentId " + safeName(consentId)));
  }

  private Map<String, String> open(String consentId, String column) {
    record Sealed(String keyId, byte[] ciphertext) {}
    Sealed sealed = jdbc.sql("SELECT sealing_key_id, " + column + " FROM paper_review WHERE consent_id = ?")
        .param(consentId).query((rs, n) -> new Sealed(rs.getString(1), rs.getBytes(2))).optional()
        .orElseThrow(() -> new ReviewException(Problem.NOT_FOUND, "no page under review has consentId " + safeName(consentId)));
    if (sealed.ciphertext() == null) {
      throw new ReviewException(Problem.CONFLICT, "review " + consentId + " has no " + column.replace('_', ' '));
    }
    byte[] plain = sealer.open(SealedIdentity.newBuilder().setKeyId(sealed.keyId()).setAlgorithm(IdentitySealer.ALGORITHM)
        .setCiphertext(ByteBuffer.wrap(sealed.ciphertext())).build(), consentId);
    return ReviewJson.values(plain);
  }

  private static String scope(Collection<String> prefixes, List<Object> params) {
    if (prefixes.contains("*")) {
      return "1 = 1";
    }
    List<String> terms = new ArrayList<>();
    for (String prefix : prefixes) {
      terms.add("region_code LIKE ?");
      params.add(prefix + "%"); // digits only (checked): nothing to escape
    }
    return "(" + String.join(" OR ", terms) + ")";
  }

  private static void requireReviewer(String reviewer) {
    ReviewException.require(reviewer != null && !reviewer.isBlank() && reviewer.length() <= 64,
        "a decision needs the reviewer's user name (at most 64 characters)");
  }

  /** Names from a request may be anything: cut and strip control characters before they go into a message. */
  private static String safeName(String name) {
    String cut = name == null ? "null" : name.length() > 64 ? name.substring(0, 64) + "..." : name;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  private static byte[] bytes(SealedIdentity sealed) {
    ByteBuffer buffer = sealed.getCiphertext().duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static ReviewItem item(ResultSet rs, int row) throws SQLException {
    String corrected = rs.getString("corrected_fields");
    return new ReviewItem(rs.getString("consent_id"), rs.getString("batch"), rs.getString("file_name"),
        rs.getInt("page"), rs.getString("region_code"), ReviewStatus.valueOf(rs.getString("status")),
        ReviewJson.strings(rs.getString("reasons")), ReviewJson.fields(rs.getString("fields")),
        rs.getDouble("page_confidence"), rs.getString("evidence_address"), ReviewJson.evidence(rs.getString("evidence")),
        corrected == null ? List.of() : ReviewJson.strings(corrected), rs.getString("reviewer"),
        rs.getString("reject_reason"), instant(rs, "enqueued_at"), instant(rs, "decided_at"), instant(rs, "staged_at"));
  }
}
