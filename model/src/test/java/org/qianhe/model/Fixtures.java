package org.qianhe.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Instant;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.PeopleProtector;

/** A known-good upload and the record made from it, for tests of the contract. */
public final class Fixtures {

  public static final String CHILD_NAME = "梁小明";
  public static final String CHILD_ID = "410105202503011238";
  public static final String GUARDIAN_PHONE = "13812345678";

  private Fixtures() {}

  public static byte[] validUploadJson() {
    try (InputStream in = Fixtures.class.getResourceAsStream("/upload-valid.json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ConsentUpload validUpload() {
    return ConsentJson.read(validUploadJson(), ConsentUpload.class, ConsentUpload.getClassSchema());
  }

  public static PeopleProtector protector() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new PeopleProtector(new BlindIndex(key), new IdentitySealer("test-1", key));
  }

  public static ConsentRecord validRecord() {
    return ConsentRecords.fromUpload(validUpload(), Instant.parse("2026-11-20T02:16:00Z"), protector());
  }
}
