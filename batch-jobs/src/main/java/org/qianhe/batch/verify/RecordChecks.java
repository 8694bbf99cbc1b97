package org.qianhe.batch.verify;

import java.nio.ByteBuffer;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;

/**
 * Security checks of one record: people only as blind-index keys, masked display values and a
 * sealed identity. The check never reports the offending value, only that a field failed.
 */
final class RecordChecks {

  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
  /** AES-GCM: 12-byte nonce + 16-byte tag at least. */
  private static final int MIN_SEALED_BYTES = 28;

  private RecordChecks() {}

  /** The name of the first field that fails, or null. */
  static String unprotectedField(GenericRecord record) {
    GenericRecord child = (GenericRecord) record.get("child");
    GenericRecord guardian = (GenericRecord) record.get("guardian");
    GenericRecord sealed = (GenericRecord) record.get("identitySealed");
    if (!KEY.matcher(child.get("key").toString()).matches()) {
      return "child.key";
    }
    // A paper form names the guardian but carries no guardian ID number, so migrated records have
    // no guardian key to look them up by; an empty key holds nothing a reader could misuse.
    boolean paperWithoutGuardianId = "PAPER_SCAN".equals(record.get("source").toString())
        && guardian.get("key").toString().isEmpty();
    if (!paperWithoutGuardianId && !KEY.matcher(guardian.get("key").toString()).matches()) {
      return "guardian.key";
    }
    if (clearChars(child.get("nameMasked")) > 1) {
      return "child.nameMasked";
    }
    if (clearChars(guardian.get("nameMasked")) > 1) {
      return "guardian.nameMasked";
    }
    if (clearChars(child.get("idMasked")) > 8) {
      return "child.idMasked";
    }
    if (clearChars(guardian.get("idMasked")) > 8) {
      return "guardian.idMasked";
    }
    if (clearChars(guardian.get("phoneMasked")) > 7) {
      return "guardian.phoneMasked";
    }
    if (sealed.get("keyId").toString().isBlank() || sealed.get("algorithm").toString().isBlank()
        || ((ByteBuffer) sealed.get("ciphertext")).remaining() < MIN_SEALED_BYTES) {
      return "identitySealed";
    }
    return null;
  }

  /** Code points that are not the mask character. */
  private static long clearChars(Object value) {
    return value.toString().codePoints().filter(c -> c != '*').count();
  }
}
