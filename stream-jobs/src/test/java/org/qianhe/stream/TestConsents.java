package org.qianhe.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentRecords;
import org.qianhe.model.kafka.ConsentRecordCodec;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.PeopleProtector;
import org.qianhe.model.validation.ConsentValidator;
import org.qianhe.stream.records.RawConsent;
import org.qianhe.terminal.simulator.ConsentGenerator;

/**
 * Realistic consent records for tests, from the terminal simulator through the same
 * {@link ConsentRecords#fromUpload} ingest uses, with fixed test keys; plus the broken variants
 * the job must quarantine.
 */
public final class TestConsents {

  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private static final byte[] BLIND_INDEX_KEY = filled(32, 7);
  private static final byte[] SEALING_KEY = filled(32, 11);

  private static final ConsentValidator VALIDATOR = new ConsentValidator(CLOCK_SKEW);

  private final Instant now;
  private final ConsentGenerator generator;
  private final PeopleProtector protector =
      new PeopleProtector(new BlindIndex(BLIND_INDEX_KEY), new IdentitySealer("test-key-1", SEALING_KEY));

  public TestConsents(long seed, Instant now) {
    this.now = now;
    this.generator = new ConsentGenerator(seed, now);
  }

  /**
   * A record that passes every check without a warning; should the simulator ever make one with a
   * finding (its schedule and the model's code lists are kept apart), that one is skipped here.
   */
  public ConsentRecord valid() {
    for (int attempt = 0; attempt < 100; attempt++) {
      ConsentRecord record = ConsentRecords.fromUpload(generator.next(), now, protector);
      if (VALIDATOR.checkRecord(record).isEmpty()) {
        return record;
      }
    }
    throw new IllegalStateException("the generator made 100 records with findings in a row");
  }

  /** Anything the simulator makes, warnings included (the realistic mix, for load). */
  public ConsentRecord any() {
    return ConsentRecords.fromUpload(generator.next(), now, protector);
  }

  /** A valid record at a given site and time (for dedup cases). */
  public ConsentRecord validAt(String regionCode, String siteCode, Instant occurredAt) {
    for (int attempt = 0; attempt < 100; attempt++) {
      ConsentRecord record = ConsentRecords.fromUpload(generator.at(regionCode, siteCode, occurredAt), now, protector);
      if (VALIDATOR.checkRecord(record).isEmpty()) {
        return record;
      }
    }
    throw new IllegalStateException("the generator made 100 records with findings in a row");
  }

  /** The same vaccination recorded again under another consentId (a retry that lost its id, a second terminal). */
  public static ConsentRecord sameVaccinationAgain(ConsentRecord record) {
    ConsentRecord copy = ConsentRecord.newBuilder(record).setConsentId(java.util.UUID.randomUUID().toString()).build();
    // twenty minutes apart, on the same clinic day
    boolean lateEvening = record.getOccurredAt().atZone(ConsentValidator.CLINIC_ZONE).getHour() >= 23;
    copy.setOccurredAt(record.getOccurredAt().plus(Duration.ofMinutes(lateEvening ? -20 : 20)));
    return copy;
  }

  /** The record as a migrated paper scan would carry it. */
  public static ConsentRecord asPaper(ConsentRecord record) {
    ConsentRecord copy = ConsentRecord.newBuilder(record).setConsentId(java.util.UUID.randomUUID().toString())
        .setSource(org.qianhe.model.Source.PAPER_SCAN).setTerminalId(null).build();
    return copy;
  }

  /** The lot expired the day before the dose was given: LOT_EXPIRED. */
  public ConsentRecord lotExpired() {
    ConsentRecord record = valid();
    record.getVaccination().setLotExpiry(
        record.getOccurredAt().atZone(ConsentValidator.CLINIC_ZONE).toLocalDate().minusDays(1));
    return record;
  }

  /** The terminal's clock says a day after the server received it: OCCURRED_AFTER_RECEIVED. */
  public ConsentRecord occurredAfterReceived() {
    ConsentRecord record = valid();
    record.setOccurredAt(record.getReceivedAt().plus(Duration.ofDays(1)));
    return record;
  }

  /** Received eight days after the dose: only a LATE_UPLOAD warning. */
  public ConsentRecord lateUpload() {
    ConsentRecord record = valid();
    record.setReceivedAt(record.getOccurredAt().plus(Duration.ofDays(8)));
    return record;
  }

  public static RawConsent raw(ConsentRecord record) {
    return new RawConsent(record.getConsentId(), ConsentRecordCodec.encode(record));
  }

  /** Bytes that are no Avro single-object encoding at all. */
  public static byte[] garbage() {
    return "{\"not\": \"a consent\"}".getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
