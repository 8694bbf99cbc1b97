package org.qianhe.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.stream.records.RawConsent;

/**
 * A realistic stream of consent.raw records for load tests: mostly valid consents (with the
 * simulator's warnings), some invalid, terminal retries (same consentId), the same vaccination
 * under a new consentId, and bytes that are no consent at all. Seeded; remembers every key sent,
 * so a test can reconcile the outputs against it.
 */
public final class ConsentLoad {

  private final TestConsents consents;
  private final Random random;
  private final List<ConsentRecord> kept = new ArrayList<>();
  private final List<String> sentKeys = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger sent = new AtomicInteger();

  public ConsentLoad(long seed) {
    this.consents = new TestConsents(seed, Instant.now());
    this.random = new Random(seed);
  }

  /** The next record: 86% valid, 5% invalid, 4% terminal retry, 3% same vaccination again, 2% undecodable. */
  public RawConsent next() {
    int roll = random.nextInt(100);
    RawConsent raw;
    if (roll < 5) {
      raw = TestConsents.raw(consents.lotExpired());
    } else if (roll < 9 && !kept.isEmpty()) {
      raw = TestConsents.raw(kept.get(random.nextInt(kept.size())));
    } else if (roll < 12 && !kept.isEmpty()) {
      raw = TestConsents.raw(TestConsents.sameVaccinationAgain(kept.get(random.nextInt(kept.size()))));
    } else if (roll < 14) {
      raw = new RawConsent("garbage-" + UUID.randomUUID(), TestConsents.garbage());
    } else {
      ConsentRecord record = consents.any();
      kept.add(record);
      raw = TestConsents.raw(record);
    }
    sentKeys.add(raw.key());
    sent.incrementAndGet();
    return raw;
  }

  /** A record already sent again, as a terminal retrying it would (same consentId, same bytes). */
  public RawConsent retryOfAnEarlierOne() {
    ConsentRecord record = kept.get(random.nextInt(kept.size()));
    RawConsent raw = new RawConsent(record.getConsentId(), ConsentRecordCodec.encode(record));
    sentKeys.add(raw.key());
    sent.incrementAndGet();
    return raw;
  }

  public int sent() {
    return sent.get();
  }

  public List<String> sentKeys() {
    synchronized (sentKeys) {
      return List.copyOf(sentKeys);
    }
  }

  /**
   * Sends {@code count} records at about {@code perSecond} from a thread of its own (a daemon, so
   * a failed test cannot leave it behind); {@code join()} the returned thread to wait for it.
   */
  public Thread sendInBackground(LiveJob live, int count, int perSecond) {
    Thread thread = new Thread(() -> {
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        RawConsent raw = next();
        live.send(raw.key(), raw.value());
        long due = start + Duration.ofSeconds(1).toNanos() * (i + 1) / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      live.flush();
    }, "consent-load");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
