package org.qianhe.model.crypto;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.TerminalSignature;
import org.qianhe.model.json.ConsentJson;

/**
 * What a terminal signs and what the content digest covers, defined once for the terminal SDK,
 * ingest and any later verifier.
 *
 * <ul>
 *   <li>Signing input: the canonical JSON ({@link ConsentJson#canonical}) of the whole upload —
 *       the evidence references with their digests included — whose {@code signature} member
 *       holds {@code algorithm}, {@code keyId} and {@code signedAt} but no {@code value}. So the
 *       request timestamp and the key are signed too, and a signature cannot be moved to another
 *       time or key.</li>
 *   <li>Content input: the canonical JSON of the upload without {@code signature}: the same consent
 *       re-signed later (a retry from the offline queue) has the same content digest.</li>
 * </ul>
 */
public final class UploadSignatures {

  private UploadSignatures() {}

  public static byte[] signingInput(ConsentUpload upload) {
    return ConsentJson.canonicalTree(signedPart(ConsentJson.tree(upload)));
  }

  public static byte[] contentInput(ConsentUpload upload) {
    return ConsentJson.canonicalTree(contentPart(ConsentJson.tree(upload)));
  }

  /** Both inputs of one upload. */
  public record Inputs(byte[] signing, byte[] content) {}

  /**
   * {@link #signingInput} and {@link #contentInput} from one conversion of the upload to a tree: a
   * service that verifies the signature and takes the content digest needs both, and converting is
   * the larger part of the work.
   */
  public static Inputs inputs(ConsentUpload upload) {
    Map<String, Object> tree = ConsentJson.tree(upload);
    return new Inputs(ConsentJson.canonicalTree(signedPart(tree)), ConsentJson.canonicalTree(contentPart(tree)));
  }

  /** The tree without {@code signature.value}; copies what it changes, so the tree stays as it was. */
  private static Map<String, Object> signedPart(Map<String, Object> tree) {
    if (!(tree.get("signature") instanceof Map<?, ?> signature)) {
      return tree;
    }
    Map<Object, Object> withoutValue = new LinkedHashMap<>(signature);
    withoutValue.remove("value");
    Map<String, Object> copy = new LinkedHashMap<>(tree);
    copy.put("signature", withoutValue);
    return copy;
  }

  /** The tree without {@code signature}, as a copy. */
  private static Map<String, Object> contentPart(Map<String, Object> tree) {
    Map<String, Object> copy = new LinkedHashMap<>(tree);
    copy.remove("signature");
    return copy;
  }

  /** The hex content digest under the suite: what receipts and idempotency compare. */
  public static String contentDigest(CryptoSuite suite, ConsentUpload upload) {
    return suite.digestHex(contentInput(upload));
  }

  /**
   * A copy of the upload signed at {@code signedAt} (to the millisecond: the record keeps
   * {@code timestamp_ms}, and a later verifier must see what was signed) with the key; the original
   * is left as it was.
   */
  public static ConsentUpload sign(ConsentUpload upload, CryptoSuite suite, SigningKey key, Instant signedAt) {
    ConsentUpload signed = ConsentUpload.newBuilder(upload).build();
    TerminalSignature signature = new TerminalSignature();
    signature.setAlgorithm(suite.signatureAlgorithm());
    signature.setKeyId(key.keyId());
    signature.setSignedAt(signedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    signature.setValue(""); // left out of the signing input below; set for real once known
    signed.setSignature(signature);
    byte[] value = suite.sign(key, signingInput(signed));
    signature.setValue(Base64.getEncoder().encodeToString(value));
    return signed;
  }

  /**
   * Whether the upload carries a valid signature of this key: the algorithm is the suite's, the
   * key id is the key's, and the value verifies. False, never an exception, for anything malformed.
   */
  public static boolean verify(ConsentUpload upload, CryptoSuite suite, VerificationKey key) {
    return verify(upload, () -> signingInput(upload), suite, key);
  }

  /** {@link #verify(ConsentUpload, CryptoSuite, VerificationKey)} with the upload's {@link #signingInput} already taken. */
  public static boolean verify(ConsentUpload upload, byte[] signingInput, CryptoSuite suite, VerificationKey key) {
    return verify(upload, () -> signingInput, suite, key);
  }

  private static boolean verify(ConsentUpload upload, Supplier<byte[]> signingInput, CryptoSuite suite, VerificationKey key) {
    TerminalSignature signature = upload.getSignature();
    if (signature == null || signature.getValue() == null
        || !suite.signatureAlgorithm().equals(signature.getAlgorithm())
        || !key.keyId().equals(signature.getKeyId())) {
      return false;
    }
    byte[] value;
    try {
      value = Base64.getDecoder().decode(signature.getValue());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return suite.verify(key, signingInput.get(), value);
  }
}
