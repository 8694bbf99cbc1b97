package org.qianhe.ingest.evidence;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.DecryptionException;

/**
 * The bytes of one evidence object: envelope encryption with a fresh data key per object.
 *
 * <pre>
 * "QHEV" | version (1) | suite (u8 length, ASCII) | KEK id (u16 length, UTF-8)
 *        | wrapped data key (u16 length) | nonce (12) | ciphertext ‖ tag
 * </pre>
 *
 * The ciphertext is the object's items under the data key, with the header's first fields and the
 * object's address as associated data: an object moved to another address, or given another
 * suite, fails to open. The data key is wrapped by a KEK bound to the address as well. Re-wrapping
 * (KEK rotation) rewrites the header only: the payload is untouched.
 *
 * <p>Plaintext items: count (u16), then per item kind (u8 length, ASCII), evidenceId, digest,
 * mediaType (u16 length, UTF-8 each), digest suite (u8 length, ASCII: the suite whose digest the
 * terminal computed), data (u32 length).
 */
final class EvidenceEnvelope {

  static final byte[] MAGIC = {'Q', 'H', 'E', 'V'};
  static final int VERSION = 1;

  private EvidenceEnvelope() {}

  record Header(CryptoSuite suite, String kekId, byte[] wrappedKey, int payloadOffset) {}

  static byte[] seal(CryptoSuite suite, EvidenceKeys keys, String address, CryptoSuite digestSuite,
      List<EvidenceItem> items, SecureRandom random) {
    byte[] dataKey = new byte[suite.cipherKeyBytes()];
    random.nextBytes(dataKey);
    byte[] nonce = new byte[CryptoSuite.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] ciphertext = suite.encrypt(dataKey, nonce, payloadAad(suite, address), plaintext(digestSuite, items));
    WrappedKey wrapped = keys.wrap(dataKey, keyAad(address));
    Arrays.fill(dataKey, (byte) 0);
    return assemble(suite, wrapped, nonce, ciphertext);
  }

  static Opened open(byte[] object, String address, EvidenceKeys keys) {
    Header header = header(object);
    byte[] dataKey = keys.unwrap(header.kekId(), header.wrappedKey(), keyAad(address));
    try {
      int at = header.payloadOffset();
      byte[] nonce = Arrays.copyOfRange(object, at, at + CryptoSuite.NONCE_BYTES);
      byte[] ciphertext = Arrays.copyOfRange(object, at + CryptoSuite.NONCE_BYTES, object.length);
      return items(header.suite().decrypt(dataKey, nonce, payloadAad(header.suite(), address), ciphertext));
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /** The same object with its data key wrapped by the current KEK; null when it already is. */
  static byte[] rewrap(byte[] object, String address, EvidenceKeys keys) {
    Header header = header(object);
    if (header.kekId().equals(keys.currentKekId())) {
      return null;
    }
    byte[] dataKey = keys.unwrap(header.kekId(), header.wrappedKey(), keyAad(address));
    WrappedKey wrapped = keys.wrap(dataKey, keyAad(address));
    Arrays.fill(dataKey, (byte) 0);
    int at = header.payloadOffset();
    byte[] nonce = Arrays.copyOfRange(object, at, at + CryptoSuite.NONCE_BYTES);
    byte[] ciphertext = Arrays.copyOfRange(object, at + CryptoSuite.NONCE_BYTES, object.length);
    return assemble(header.suite(), wrapped, nonce, ciphertext);
  }

  static Header header(byte[] object) {
    try {
      DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(object));
      byte[] magic = in.readNBytes(4);
      if (!Arrays.equals(magic, MAGIC) || in.readUnsignedByte() != VERSION) {
        throw new DecryptionException();
      }
      CryptoSuite suite = CryptoSuites.of(new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII));
      String kekId = new String(in.readNBytes(in.readUnsignedShort()), StandardCharsets.UTF_8);
      byte[] wrapped = in.readNBytes(in.readUnsignedShort());
      int offset = object.length - in.available();
      if (in.available() < CryptoSuite.NONCE_BYTES + CryptoSuite.TAG_BYTES) {
        throw new DecryptionException();
      }
      return new Header(suite, kekId, wrapped, offset);
    } catch (IOException | IllegalArgumentException e) {
      throw new DecryptionException(); // not an evidence object of a known format
    }
  }

  /** The object in one array of exactly its size: a 50 KB photo is copied once, not once per stream. */
  private static byte[] assemble(CryptoSuite suite, WrappedKey wrapped, byte[] nonce, byte[] ciphertext) {
    byte[] suiteName = suite.name().getBytes(StandardCharsets.US_ASCII);
    byte[] kekId = wrapped.kekId().getBytes(StandardCharsets.UTF_8);
    byte[] key = wrapped.wrapped();
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(MAGIC.length + 1 + 1 + suiteName.length + 2 + kekId.length
        + 2 + key.length + nonce.length + ciphertext.length);
    out.put(MAGIC).put((byte) VERSION).put((byte) suiteName.length).put(suiteName)
        .putShort((short) kekId.length).put(kekId).putShort((short) key.length).put(key).put(nonce).put(ciphertext);
    return out.array();
  }

  static byte[] payloadAad(CryptoSuite suite, String address) {
    return ("QHEV/1/" + suite.name() + "/" + address).getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] keyAad(String address) {
    return ("qianhe-evidence-data-key/1/" + address).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] plaintext(CryptoSuite digestSuite, List<EvidenceItem> items) {
    byte[] suite = digestSuite.name().getBytes(StandardCharsets.US_ASCII);
    int size = 2;
    List<byte[][]> fields = new ArrayList<>(items.size());
    for (EvidenceItem item : items) {
      EvidenceRef ref = item.ref();
      byte[][] f = {ref.getKind().name().getBytes(StandardCharsets.US_ASCII), utf8(ref.getEvidenceId()),
          utf8(ref.getDigest()), utf8(ref.getMediaType())};
      fields.add(f);
      size += 1 + f[0].length + 2 + f[1].length + 2 + f[2].length + 2 + f[3].length + 1 + suite.length + 4 + item.data().length;
    }
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(size);
    out.putShort((short) items.size());
    for (int i = 0; i < items.size(); i++) {
      byte[][] f = fields.get(i);
      byte[] data = items.get(i).data();
      out.put((byte) f[0].length).put(f[0]).putShort((short) f[1].length).put(f[1]).putShort((short) f[2].length).put(f[2])
          .putShort((short) f[3].length).put(f[3]).put((byte) suite.length).put(suite).putInt(data.length).put(data);
    }
    return out.array();
  }

  private static byte[] utf8(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0xFFFF) {
      throw new IllegalArgumentException("field longer than 65535 bytes");
    }
    return bytes;
  }

  /** The items of an opened object, with the suite the terminal digested them with. */
  record Opened(List<EvidenceItem> items, List<CryptoSuite> digestSuites) {}

  private static Opened items(byte[] plaintext) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(plaintext))) {
      int count = in.readUnsignedShort();
      List<EvidenceItem> items = new ArrayList<>(count);
      List<CryptoSuite> suites = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        EvidenceKind kind = EvidenceKind.valueOf(new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII));
        String evidenceId = utf16(in);
        String digest = utf16(in);
        String mediaType = utf16(in);
        CryptoSuite digestSuite = CryptoSuites.of(new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII));
        byte[] data = in.readNBytes(in.readInt());
        items.add(new EvidenceItem(EvidenceRef.newBuilder().setKind(kind).setEvidenceId(evidenceId).setDigest(digest)
            .setMediaType(mediaType).setSizeBytes(data.length).build(), data));
        suites.add(digestSuite);
      }
      return new Opened(items, suites);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String utf16(DataInputStream in) throws IOException {
    return new String(in.readNBytes(in.readUnsignedShort()), StandardCharsets.UTF_8);
  }
}
