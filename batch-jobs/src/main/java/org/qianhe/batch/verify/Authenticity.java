package org.qianhe.batch.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.qianhe.model.ChildIdentity;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.GuardianIdentity;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.ReceiptSignatures;
import org.qianhe.model.crypto.UploadSignatures;
import org.qianhe.model.crypto.VerificationKey;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.model.people.IdentitySealer;

/**
 * Re-checks who made and who accepted each record (authenticity, DA/T 70):
 *
 * <ul>
 *   <li>the ingest receipt: its signature over {@code (consentId, contentDigest, receivedAt)}
 *       ({@link ReceiptSignatures}) with ingest's published receipt key, and the record's
 *       receivedAt being the receipt's;</li>
 *   <li>the terminal signature: the terminal is registered, the signature names its key and suite,
 *       and was made before any revocation; and, with ingest's identity-sealing key, the value
 *       itself: the signed upload ({@link UploadSignatures}) holds the people's identities in
 *       clear, which the record keeps sealed, so it is rebuilt in memory from the record and its
 *       opened identity. The same rebuilt upload gives the content digest the receipt must name,
 *       which ties the archived content to what ingest accepted.</li>
 * </ul>
 *
 * What is not configured is counted as not checked, never as failed. Findings name consentIds,
 * key ids and terminal ids, never a person's data.
 */
public final class Authenticity {

  private final Map<String, VerificationKey> receiptKeys;
  private final TerminalRegistry terminals;
  private final IdentitySealer identities;

  /**
   * @param receiptKeys ingest's receipt public keys (empty: receipts not checked)
   * @param terminals   the terminal registry, or null (terminal signatures not checked)
   * @param identities  opens sealed identities, or null (terminal signature values not re-checked)
   */
  public Authenticity(List<VerificationKey> receiptKeys, TerminalRegistry terminals, IdentitySealer identities) {
    Map<String, VerificationKey> byId = new HashMap<>();
    receiptKeys.forEach(key -> byId.put(key.keyId(), key));
    this.receiptKeys = Map.copyOf(byId);
    this.terminals = terminals;
    this.identities = identities;
  }

  public static Authenticity unconfigured() {
    return new Authenticity(List.of(), null, null);
  }

  /** A public key (X.509 SubjectPublicKeyInfo, base64) of either suite. */
  public static VerificationKey publicKey(String base64) {
    byte[] encoded = Base64.getDecoder().decode(base64.strip());
    for (String suite : CryptoSuites.names()) {
      try {
        return CryptoSuites.of(suite).verificationKey(encoded);
      } catch (IllegalArgumentException e) {
        // not this suite's curve: try the next
      }
    }
    throw new IllegalArgumentException("not a GM or INTL public key");
  }

  Tally tally(String partition) {
    return new Tally(partition);
  }

  /** The checks over one partition's records, counted per outcome. */
  final class Tally {

    private final String partition;
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, String> firstIds = new HashMap<>();
    private final Map<String, Boolean> failing = new HashMap<>();
    private final Map<Schema, SpecificDatumReader<ConsentRecord>> readers = new HashMap<>();

    private Tally(String partition) {
      this.partition = partition;
    }

    void visit(GenericRecord record, byte[] encoded) {
      String consentId = record.get("consentId").toString();
      GenericRecord receipt = (GenericRecord) field(record, "receipt");
      GenericRecord signature = (GenericRecord) field(record, "signature");
      Optional<ConsentUpload> upload = needsUpload(receipt, signature) ? rebuild(record, encoded, consentId) : Optional.empty();
      if (receipt == null) {
        note("records without an ingest receipt", consentId);
      } else {
        checkReceipt(record, receipt, consentId, upload);
      }
      if (signature == null) {
        note("records unsigned", consentId);
      } else {
        checkSignature(record, signature, consentId, upload);
      }
    }

    private boolean needsUpload(GenericRecord receipt, GenericRecord signature) {
      return identities != null && (receipt != null || (signature != null && terminals != null));
    }

    private void checkReceipt(GenericRecord record, GenericRecord receipt, String consentId, Optional<ConsentUpload> upload) {
      long receivedAt = (Long) receipt.get("receivedAt");
      String contentDigest = receipt.get("contentDigest").toString();
      if (receivedAt != (Long) record.get("receivedAt")) {
        fail("records whose receivedAt is not their receipt's", consentId);
      }
      Object value = receipt.get("signature");
      Object keyId = receipt.get("keyId");
      Object algorithm = receipt.get("algorithm");
      if (value == null || keyId == null || algorithm == null) {
        note("receipts without a signature", consentId);
      } else if (receiptKeys.isEmpty()) {
        note("receipt signatures not checked (no qianhe.batch.verify.receipt-keys)", consentId);
      } else {
        VerificationKey key = receiptKeys.get(keyId.toString());
        CryptoSuite suite = key == null ? null : CryptoSuites.of(key.suite());
        if (key == null) {
          fail("receipts signed by a key not in qianhe.batch.verify.receipt-keys (" + keyId + ")", consentId);
        } else if (!suite.signatureAlgorithm().equals(algorithm.toString())) {
          fail("receipts whose algorithm is not their key's", consentId);
        } else if (!suite.verify(key, ReceiptSignatures.signingInput(consentId, contentDigest, Instant.ofEpochMilli(receivedAt)),
            decode(value.toString()))) {
          fail("ingest receipt signatures that do not verify", consentId);
        } else {
          count("ingest receipt signatures verified", consentId);
        }
      }
      if (upload.isPresent() && algorithm != null) {
        Optional<CryptoSuite> suite = CryptoSuites.bySignatureAlgorithm(algorithm.toString());
        if (suite.isPresent() && !UploadSignatures.contentDigest(suite.get(), upload.get()).equals(contentDigest)) {
          fail("records whose content differs from what ingest received (receipt content digest)", consentId);
        }
      }
    }

    private void checkSignature(GenericRecord record, GenericRecord signature, String consentId, Optional<ConsentUpload> upload) {
      if (terminals == null) {
        note("terminal signatures not checked (no qianhe.batch.verify.terminal-registry-url)", consentId);
        return;
      }
      Object terminalId = record.get("terminalId");
      Optional<TerminalRegistry.Terminal> found = terminalId == null ? Optional.empty() : terminals.find(terminalId.toString());
      if (found.isEmpty()) {
        fail("records signed by a terminal the registry does not know", consentId);
        return;
      }
      TerminalRegistry.Terminal terminal = found.get();
      Object signedAt = signature.get("signedAt");
      if (!terminal.key().keyId().equals(signature.get("keyId").toString())) {
        fail("records signed with a key the registry does not hold for their terminal", consentId);
      } else if (!terminal.suite().signatureAlgorithm().equals(signature.get("algorithm").toString())) {
        fail("records whose signature algorithm is not their terminal's suite's", consentId);
      } else if (terminal.revokedAt() != null && (signedAt == null || (Long) signedAt > terminal.revokedAt().toEpochMilli())) {
        fail("records signed after their terminal was revoked", consentId);
      } else if (identities == null) {
        count("terminal signatures by their registered key, values not re-checked (no qianhe.batch.verify.identity-key-file)",
            consentId);
      } else if (upload.isEmpty()) {
        note("terminal signatures not re-checked: sealed identity does not open with the configured key", consentId);
      } else if (!UploadSignatures.verify(upload.get(), terminal.suite(), terminal.key())) {
        fail("terminal signatures that do not verify", consentId);
      } else {
        count("terminal signatures verified", consentId);
      }
    }

    /** The upload the terminal sent, from the record and its opened identity; empty when it does not open. */
    private Optional<ConsentUpload> rebuild(GenericRecord generic, byte[] encoded, String consentId) {
      if (generic.get("terminalId") == null) {
        return Optional.empty();
      }
      ConsentRecord record;
      try {
        record = readers.computeIfAbsent(generic.getSchema(), schema -> new SpecificDatumReader<>(schema,
            ConsentRecord.getClassSchema())).read(null, DecoderFactory.get().binaryDecoder(encoded, null));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      byte[] identity;
      try {
        identity = identities.open(record.getIdentitySealed(), consentId);
      } catch (IllegalArgumentException | IllegalStateException e) {
        return Optional.empty(); // sealed with another key, or altered: the signature check says so
      }
      try {
        JsonNode people = ConsentJson.mapper().readTree(identity);
        return Optional.of(ConsentUpload.newBuilder()
            .setConsentId(record.getConsentId())
            .setRegionCode(record.getRegionCode())
            .setSiteCode(record.getSiteCode())
            .setTerminalId(record.getTerminalId())
            .setOccurredAt(record.getOccurredAt())
            .setVaccination(record.getVaccination())
            .setNotice(record.getNotice())
            .setScreening(record.getScreening())
            .setDecision(record.getDecision())
            .setConfirmationMethod(record.getConfirmationMethod())
            .setBiometricConsent(record.getBiometricConsent())
            .setChild(ConsentJson.mapper().treeToValue(people.get("child"), ChildIdentity.class))
            .setGuardian(ConsentJson.mapper().treeToValue(people.get("guardian"), GuardianIdentity.class))
            .setEvidence(record.getEvidence())
            .setSignature(record.getSignature())
            .build());
      } catch (IOException | RuntimeException e) {
        return Optional.empty(); // no message: it could quote the identity
      } finally {
        Arrays.fill(identity, (byte) 0);
      }
    }

    /** The field's value, null when the record's schema version has no such field (receipt came later). */
    private static Object field(GenericRecord record, String name) {
      return record.getSchema().getField(name) == null ? null : record.get(name);
    }

    private static byte[] decode(String base64) {
      try {
        return Base64.getDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        return new byte[0];
      }
    }

    private void count(String what, String consentId) {
      counts.computeIfAbsent(what, k -> new long[1])[0]++;
      firstIds.putIfAbsent(what, consentId);
    }

    private void note(String what, String consentId) {
      count(what, consentId);
      failing.putIfAbsent(what, false);
    }

    private void fail(String what, String consentId) {
      count(what, consentId);
      failing.put(what, true);
    }

    void report(List<Finding> findings) {
      counts.forEach((what, count) -> findings.add(Boolean.TRUE.equals(failing.get(what))
          ? Finding.mismatch(Property.AUTHENTICITY, partition, count[0] + " " + what + "; first: " + firstIds.get(what))
          : Finding.note(Property.AUTHENTICITY, partition, count[0] + " " + what)));
    }
  }
}
