package org.qianhe.search.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentRecords;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.PeopleProtector;
import org.qianhe.terminal.simulator.ConsentGenerator;

/** Generated uploads and the records ingest would make of them, with fixed test keys. */
record TestConsents(List<ConsentUpload> uploads, List<ConsentRecord> records) {

  static final Instant NOW = Instant.parse("2025-06-15T04:00:00Z");

  static PeopleProtector protector() {
    byte[] blindKey = new byte[32];
    Arrays.fill(blindKey, (byte) 7);
    return new PeopleProtector(new BlindIndex(blindKey), sealer());
  }

  static IdentitySealer sealer() {
    byte[] sealKey = new byte[32];
    Arrays.fill(sealKey, (byte) 9);
    return new IdentitySealer("test-seal-1", sealKey);
  }

  static TestConsents generate(long seed, int count) {
    ConsentGenerator generator = new ConsentGenerator(seed, NOW);
    PeopleProtector protector = protector();
    List<ConsentUpload> uploads = new ArrayList<>();
    List<ConsentRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ConsentUpload upload = generator.next();
      uploads.add(upload);
      records.add(ConsentRecords.fromUpload(upload, NOW, protector));
    }
    return new TestConsents(uploads, records);
  }

  /** Every raw identity value of the uploads: none of them may appear in the index or a message. */
  List<String> rawIdentities() {
    List<String> raw = new ArrayList<>();
    for (ConsentUpload u : uploads) {
      raw.add(u.getChild().getName());
      raw.add(u.getChild().getIdNumber());
      raw.add(u.getGuardian().getName());
      raw.add(u.getGuardian().getIdNumber());
      raw.add(u.getGuardian().getPhone());
    }
    return raw;
  }

  List<String> consentIds() {
    return records.stream().map(ConsentRecord::getConsentId).toList();
  }
}
