package org.qianhe.terminal.sdk;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.terminal.client.Submission;

/**
 * The consents a terminal recorded and has no receipt for yet, on the terminal's disk so that they
 * survive a restart, a power cut or days offline. One file per consent in {@code pending/}, written
 * to a temporary file, synced and renamed, so a crash never leaves half a consent; oldest first.
 *
 * <p>A queued consent holds identities, a fingerprint and a photo: files are encrypted (the suite's
 * AEAD, the consentId as associated data) under a queue key kept beside them ({@code queue.key},
 * 600). On a real terminal that key belongs in its secure element; here it keeps a copied queue
 * directory or a disk image from showing plaintext. Consents the service refused for good move
 * to {@code rejected/} with the service's answer, for a person to look at.
 */
public final class OfflineQueue {

  private static final byte[] MAGIC = {'Q', 'H', 'Q', '1'};
  private static final String PENDING = "pending";
  private static final String REJECTED = "rejected";

  private final Path dir;
  private final CryptoSuite suite;
  private final byte[] key;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong sequence = new AtomicLong();

  private OfflineQueue(Path dir, CryptoSuite suite, byte[] key) {
    this.dir = dir;
    this.suite = suite;
    this.key = key;
  }

  /** Opens the queue in the directory, creating it and its key on first use. */
  public static OfflineQueue open(Path dir, CryptoSuite suite) {
    try {
      Files.createDirectories(dir.resolve(PENDING));
      Files.createDirectories(dir.resolve(REJECTED));
      Path keyFile = dir.resolve("queue.key");
      if (!Files.exists(keyFile)) {
        byte[] fresh = new byte[suite.cipherKeyBytes()];
        new SecureRandom().nextBytes(fresh);
        Path temp = Files.createTempFile(dir, ".key", ".tmp", PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
        Files.write(temp, fresh);
        try {
          Files.createLink(keyFile, temp);
        } catch (FileAlreadyExistsException raced) {
          // another process opened the queue a moment ago: use its key
        } finally {
          Files.delete(temp);
        }
      }
      byte[] key = Files.readAllBytes(keyFile);
      if (key.length != suite.cipherKeyBytes()) {
        throw new IllegalStateException("queue key " + keyFile + " is not a " + suite.name() + " key");
      }
      return new OfflineQueue(dir, suite, key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the offline queue in " + dir, e);
    }
  }

  /** Adds a consent durably; returns once it is synced to disk. A consent already queued is replaced. */
  public void add(Submission submission) {
    String consentId = submission.upload().getConsentId();
    remove(consentId);
    String name = String.format("%016d-%06d-%s.q", System.currentTimeMillis(), sequence.incrementAndGet() % 1_000_000, consentId);
    writeDurably(dir.resolve(PENDING).resolve(name), seal(consentId, serialise(submission)));
  }

  /** Every queued consent, oldest first. */
  public List<Submission> pending() {
    List<Submission> submissions = new ArrayList<>();
    for (Path file : files(PENDING)) {
      try {
        submissions.add(deserialise(open(consentIdOf(file), Files.readAllBytes(file))));
      } catch (java.nio.file.NoSuchFileException removed) {
        // uploaded and removed by another thread while listing
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return submissions;
  }

  public int size() {
    return files(PENDING).size();
  }

  /** Forgets a consent (it has its receipt). */
  public void remove(String consentId) {
    for (Path file : files(PENDING)) {
      if (consentIdOf(file).equals(consentId)) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** Moves a consent the service refused for good to {@code rejected/}, with the service's answer beside it. */
  public void reject(String consentId, int status, String answer) {
    for (Path file : files(PENDING)) {
      if (consentIdOf(file).equals(consentId)) {
        try {
          Path target = dir.resolve(REJECTED).resolve(file.getFileName());
          Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
          writeDurably(dir.resolve(REJECTED).resolve(file.getFileName() + ".answer"),
              (status + "\n" + answer).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** The consentIds refused for good. */
  public List<String> rejected() {
    return files(REJECTED).stream().filter(p -> p.toString().endsWith(".q")).map(OfflineQueue::consentIdOf).toList();
  }

  private List<Path> files(String sub) {
    try (Stream<Path> files = Files.list(dir.resolve(sub))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".q") || sub.equals(REJECTED)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String consentIdOf(Path file) {
    String name = file.getFileName().toString();
    int end = name.indexOf(".q");
    return name.substring(name.indexOf('-', name.indexOf('-') + 1) + 1, end < 0 ? name.length() : end);
  }

  private byte[] seal(String consentId, byte[] plaintext) {
    byte[] nonce = new byte[CryptoSuite.NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = suite.encrypt(key, nonce, consentId.getBytes(StandardCharsets.UTF_8), plaintext);
    return ByteBuffer.allocate(MAGIC.length + nonce.length + sealed.length).put(MAGIC).put(nonce).put(sealed).array();
  }

  private byte[] open(String consentId, byte[] file) {
    if (file.length < MAGIC.length + CryptoSuite.NONCE_BYTES || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
      throw new IllegalStateException("not a queued consent: " + consentId);
    }
    byte[] nonce = Arrays.copyOfRange(file, MAGIC.length, MAGIC.length + CryptoSuite.NONCE_BYTES);
    byte[] sealed = Arrays.copyOfRange(file, MAGIC.length + CryptoSuite.NONCE_BYTES, file.length);
    return suite.decrypt(key, nonce, consentId.getBytes(StandardCharsets.UTF_8), sealed);
  }

  private static byte[] serialise(Submission submission) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      byte[] json = ConsentJson.write(submission.upload());
      out.writeInt(json.length);
      out.write(json);
      out.writeInt(submission.evidence().size());
      for (Map.Entry<String, byte[]> item : submission.evidence().entrySet()) {
        out.writeUTF(item.getKey());
        out.writeInt(item.getValue().length);
        out.write(item.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Submission deserialise(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      byte[] json = in.readNBytes(in.readInt());
      ConsentUpload upload = ConsentJson.read(json, ConsentUpload.class, ConsentUpload.getClassSchema());
      int count = in.readInt();
      Map<String, byte[]> evidence = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String id = in.readUTF();
        evidence.put(id, in.readNBytes(in.readInt()));
      }
      return new Submission(upload, evidence);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeDurably(Path target, byte[] content) {
    try {
      Path temp = Files.createTempFile(target.getParent(), ".write", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(content));
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      try (FileChannel directory = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
        directory.force(true); // the rename itself survives a power cut
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
