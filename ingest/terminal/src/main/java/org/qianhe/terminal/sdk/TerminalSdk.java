package org.qianhe.terminal.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.ReceiptSignatures;
import org.qianhe.model.crypto.SigningKey;
import org.qianhe.model.crypto.UploadSignatures;
import org.qianhe.model.crypto.VerificationKey;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.terminal.client.ConsentClient;
import org.qianhe.terminal.client.ConsentClient.UploadResult;
import org.qianhe.terminal.client.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal side of an upload, as a signing terminal runs it: {@link #record} puts the consent
 * and its evidence into the persistent {@link OfflineQueue} and returns at once; an uploader thread
 * sends queued consents oldest first, each signed afresh at the moment it is sent (so a consent
 * recorded offline days ago still carries a current request timestamp), and retries with
 * exponential backoff and jitter — never sooner than the service's {@code Retry-After} — until it
 * has a receipt. A consent leaves the queue only with a receipt (kept in {@code receipts/}) or
 * when the service refused it for good (4xx; it moves to {@code rejected/}).
 *
 * <p>Because the queue is on disk, closing the SDK (or losing power) loses nothing: a new SDK on
 * the same directory goes on where the old one stopped. Idempotency on the service side makes a
 * consent sent twice (a lost receipt, a crash before removing it) harmless: it gets the same receipt.
 */
public final class TerminalSdk implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TerminalSdk.class);

  private final String terminalId;
  private final CryptoSuite suite;
  private final SigningKey key;
  private final ConsentClient client;
  private final OfflineQueue queue;
  private final Path receipts;
  private final RetryPolicy retry;
  private final VerificationKey receiptKey;
  private final Clock clock;
  private final Faults faults;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile boolean running;
  private Thread uploader;

  private TerminalSdk(Builder builder) {
    this.terminalId = builder.terminalId;
    this.suite = builder.suite;
    this.key = builder.key;
    this.client = new ConsentClient(builder.ingest, builder.timeout);
    this.queue = OfflineQueue.open(builder.dir.resolve("queue"), builder.suite);
    this.receipts = builder.dir.resolve("receipts");
    this.retry = builder.retry;
    this.receiptKey = builder.receiptKey;
    this.clock = builder.clock;
    this.faults = builder.faults;
    try {
      Files.createDirectories(receipts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Builder builder(String terminalId, CryptoSuite suite, SigningKey key, URI ingest, Path dir) {
    return new Builder(terminalId, suite, key, ingest, dir);
  }

  /**
   * Records a consent: the evidence references get the digests, sizes and media types of the bytes
   * (in this terminal's suite), and the consent goes durably into the queue. Returns the consent as
   * it will be sent (unsigned; each attempt signs it anew).
   */
  public ConsentUpload record(ConsentUpload consent, Map<String, byte[]> evidence) {
    ConsentUpload recorded = ConsentUpload.newBuilder(consent).build();
    recorded.setTerminalId(terminalId);
    recorded.getEvidence().forEach(ref -> {
      byte[] data = evidence.get(ref.getEvidenceId());
      if (data != null) {
        ref.setDigest(suite.digestHex(data));
        ref.setSizeBytes(data.length);
      }
    });
    recorded.setSignature(null);
    queue.add(new Submission(recorded, evidence));
    signal();
    return recorded;
  }

  /** Starts the uploader thread (idempotent). */
  public synchronized TerminalSdk start() {
    if (!running) {
      running = true;
      uploader = new Thread(this::run, "qianhe-terminal-" + terminalId);
      uploader.setDaemon(true);
      uploader.start();
    }
    return this;
  }

  /** Waits until the queue is empty (every consent has a receipt or was refused); false on timeout. */
  public boolean awaitEmpty(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (queue.size() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Uploads everything queued now, on the calling thread, with retries; for terminals without a background thread. */
  public void flush() throws InterruptedException {
    for (Submission queued : queue.pending()) {
      deliver(queued);
    }
  }

  public int pending() {
    return queue.size();
  }

  public OfflineQueue queue() {
    return queue;
  }

  /** The consentIds this terminal holds a receipt for. */
  public List<String> receiptIds() {
    try (var files = Files.list(receipts)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The receipt of a consent, as the service sent it. */
  public JsonNode receipt(String consentId) {
    try {
      return ConsentJson.mapper().readTree(Files.readAllBytes(receipts.resolve(consentId + ".json")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void run() {
    while (running) {
      try {
        List<Submission> pending = queue.pending();
        if (pending.isEmpty()) {
          awaitWork();
          continue;
        }
        for (Submission queued : pending) {
          if (!running) {
            return;
          }
          if (faults.holdBack(queued.upload().getConsentId(), clock.instant())) {
            continue; // a late upload: held back for now
          }
          deliver(queued);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("terminal {}: uploader error ({}); continuing", terminalId, e.getClass().getSimpleName());
        sleepQuietly(retry.initial());
      }
    }
  }

  /** Sends one consent until it has a receipt or is refused for good. */
  private void deliver(Submission queued) throws InterruptedException {
    String consentId = queued.upload().getConsentId();
    for (int failures = 0; running || uploader == null; ) {
      Submission signed = faults.tamper(new Submission(
          UploadSignatures.sign(queued.upload(), suite, key, clock.instant()), queued.evidence()));
      UploadResult result;
      try {
        result = client.send(signed);
        if (faults.duplicate(consentId)) {
          client.send(signed); // the same request again, as after a lost answer
        }
      } catch (IOException e) {
        failures++;
        Duration wait = retry.delay(failures, null);
        log.info("terminal {}: consent {} not sent ({}), retry in {} ms", terminalId, consentId,
            e.getClass().getSimpleName(), wait.toMillis());
        pause(wait);
        continue;
      }
      Outcome outcome = classify(result);
      switch (outcome) {
        case ACCEPTED -> {
          if (receiptKey != null && !receiptVerifies(consentId, result.body())) {
            log.error("terminal {}: receipt of consent {} does not verify with the service's key", terminalId, consentId);
            queue.reject(consentId, result.status(), "receipt signature invalid: " + result.body());
          } else {
            saveReceipt(consentId, result.body());
            queue.remove(consentId);
          }
          signal();
          return;
        }
        case REFUSED -> {
          log.warn("terminal {}: consent {} refused with {}", terminalId, consentId, result.status());
          queue.reject(consentId, result.status(), result.body());
          signal();
          return;
        }
        case RETRY -> {
          failures++;
          Duration wait = retry.delay(failures, result.retryAfterSeconds());
          log.info("terminal {}: consent {} got {}, retry in {} ms", terminalId, consentId, result.status(), wait.toMillis());
          pause(wait);
        }
      }
    }
  }

  private enum Outcome { ACCEPTED, REFUSED, RETRY }

  /**
   * 202: done. 5xx and 429: the service cannot take it now. A request timestamp outside the window
   * is the terminal's clock, which may be corrected: keep it and retry (signed anew each time).
   * Any other 4xx: this consent will never be accepted as it is.
   */
  private static Outcome classify(UploadResult result) {
    int status = result.status();
    if (status == 202) {
      return Outcome.ACCEPTED;
    }
    if (status >= 500 || status == 429) {
      return Outcome.RETRY;
    }
    if (status == 401 && result.body() != null && result.body().contains("TIMESTAMP_OUTSIDE_WINDOW")) {
      return Outcome.RETRY;
    }
    return Outcome.REFUSED;
  }

  private boolean receiptVerifies(String consentId, String body) {
    try {
      JsonNode receipt = ConsentJson.mapper().readTree(body);
      byte[] signed = ReceiptSignatures.signingInput(consentId, receipt.path("contentDigest").asText(),
          Instant.parse(receipt.path("receivedAt").asText()));
      return receipt.path("signature").path("keyId").asText().equals(receiptKey.keyId())
          && org.qianhe.model.crypto.CryptoSuites.of(receiptKey.suite()).verify(receiptKey, signed,
              Base64.getDecoder().decode(receipt.path("signature").path("value").asText()));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void saveReceipt(String consentId, String body) {
    try {
      Path temp = Files.createTempFile(receipts, ".receipt", ".tmp");
      Files.writeString(temp, body, StandardCharsets.UTF_8);
      Files.move(temp, receipts.resolve(consentId + ".json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitWork() throws InterruptedException {
    lock.lock();
    try {
      changed.await(500, TimeUnit.MILLISECONDS);
    } finally {
      lock.unlock();
    }
  }

  private void signal() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void pause(Duration wait) throws InterruptedException {
    Thread.sleep(wait.toMillis());
  }

  private static void sleepQuietly(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the uploader; what is queued stays on disk for the next start. */
  @Override
  public void close() throws InterruptedException {
    Thread thread;
    synchronized (this) {
      running = false;
      thread = uploader;
    }
    if (thread != null) {
      thread.interrupt();
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  public static final class Builder {
    private final String terminalId;
    private final CryptoSuite suite;
    private final SigningKey key;
    private final URI ingest;
    private final Path dir;
    private Duration timeout = Duration.ofSeconds(30);
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private VerificationKey receiptKey;
    private Clock clock = Clock.systemUTC();
    private Faults faults = Faults.NONE;

    private Builder(String terminalId, CryptoSuite suite, SigningKey key, URI ingest, Path dir) {
      this.terminalId = terminalId;
      this.suite = suite;
      this.key = key;
      this.ingest = ingest;
      this.dir = dir;
    }

    /** How long one request may take. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder retry(RetryPolicy retry) {
      this.retry = retry;
      return this;
    }

    /** The service's receipt key (GET /v1/receipt-keys): receipts are then verified before a consent leaves the queue. */
    public Builder receiptKey(VerificationKey receiptKey) {
      this.receiptKey = receiptKey;
      return this;
    }

    /** The terminal's clock; signatures carry its time. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Fault injection for tests and drills. */
    public Builder faults(Faults faults) {
      this.faults = faults;
      return this;
    }

    public TerminalSdk build() {
      return new TerminalSdk(this);
    }
  }
}
