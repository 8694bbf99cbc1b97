package org.qianhe.ingest.evidence;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.StreamCapabilities;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence of consents, encrypted, on a Hadoop FileSystem ({@code file://} by default,
 * {@code hdfs://} in production). One object per consent holds all its evidence (fingerprint and
 * photo, or the signature image): one durable write per upload instead of two, which is what the
 * disk's synchronous writes allow at ingest's rate.
 *
 * <p>Objects are addressed by a keyed digest (HMAC under the store's address key) of the consentId
 * and the evidence references (kind, id, digest of the plaintext): whoever can list the store
 * cannot tell whether a known photo is in it, and whoever holds a consent record and the keys finds
 * its evidence. The consentId is part of the address so that one consent's evidence is never shared
 * with another's: deleting it (a failed upload, retention) never touches another consent.
 *
 * <p>Each object is sealed with a fresh data key wrapped by the current key-encryption key
 * ({@link EvidenceEnvelope}). Plaintext never reaches disk: it is encrypted in memory and written to
 * {@code <root>/tmp/}, synced ({@code hsync}), then renamed to {@code <root>/objects/aa/bb/<address>},
 * so a reader never sees a partial object. The data is durable when {@link #write} returns; on a
 * local disk the renamed directory entry becomes durable with the file system's next journal commit
 * (ext4: the next fsync of any file, at most 5 s later) unless {@code syncDirectories} is set, which
 * costs one more fsync per object.
 */
public final class EvidenceStore implements Closeable {

  private static final Logger log = LoggerFactory.getLogger(EvidenceStore.class);
  private static final String OBJECTS = "objects";
  private static final String TMP = "tmp";

  private final FileSystem fs;
  private final Path root;
  private final CryptoSuite suite;
  private final EvidenceKeys keys;
  private final boolean syncDirectories;
  private final SecureRandom random = new SecureRandom();
  private final Set<Path> knownDirectories = ConcurrentHashMap.newKeySet();

  private EvidenceStore(FileSystem fs, Path root, CryptoSuite suite, EvidenceKeys keys, boolean syncDirectories) {
    this.fs = fs;
    this.root = root;
    this.suite = suite;
    this.keys = keys;
    this.syncDirectories = syncDirectories;
  }

  /**
   * Opens the store at a Hadoop FileSystem URI ({@code file:///var/lib/qianhe/evidence},
   * {@code hdfs://namenode:8020/qianhe/evidence}); new objects are sealed with the suite's cipher.
   */
  public static EvidenceStore open(URI root, CryptoSuite suite, EvidenceKeys keys, boolean syncDirectories)
      throws IOException {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", PosixLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    // objects 600, directories 700: only the service's user reads the (encrypted) evidence at all
    conf.set("fs.permissions.umask-mode", "077");
    FileSystem fs = FileSystem.newInstance(root, conf);
    Path rootPath = fs.makeQualified(new Path(root));
    fs.mkdirs(new Path(rootPath, OBJECTS));
    fs.mkdirs(new Path(rootPath, TMP));
    return new EvidenceStore(fs, rootPath, suite, keys, syncDirectories);
  }

  /**
   * Opens ingest's store from another process (batch jobs, search) with ingest's existing keys,
   * never creating any ({@link Pkcs12EvidenceKeys#loadExisting}).
   *
   * @param root     a Hadoop FileSystem URI, or a local path
   * @param password the configured keystore password, or blank for ingest's password file
   * @throws EvidenceKeysMissingException when ingest's keystore or its password is not there
   */
  public static EvidenceStore openExisting(String root, java.nio.file.Path keystore, String password, CryptoSuite suite)
      throws IOException {
    URI uri = URI.create(root.strip());
    return open(uri.getScheme() == null ? java.nio.file.Path.of(root.strip()).toAbsolutePath().toUri() : uri, suite,
        Pkcs12EvidenceKeys.loadExisting(keystore, password, suite), false);
  }

  /** The store's address of a consent's evidence (lowercase hex keyed digest). */
  public String address(String consentId, List<EvidenceRef> refs) {
    return address(suite, consentId, refs);
  }

  /**
   * Every address the store may hold a consent's evidence under: this suite's first, then the
   * other suite's (objects written while the deployment used it). For retention, which must find
   * the evidence whichever suite wrote it.
   */
  public List<String> addresses(String consentId, List<EvidenceRef> refs) {
    CryptoSuite other = suite == CryptoSuites.GM ? CryptoSuites.INTL : CryptoSuites.GM;
    return List.of(address(suite, consentId, refs), address(other, consentId, refs));
  }

  private String address(CryptoSuite macSuite, String consentId, List<EvidenceRef> refs) {
    StringBuilder text = new StringBuilder("qianhe-evidence/1\n").append(consentId).append('\n');
    refs.stream().sorted(Comparator.comparing(EvidenceRef::getEvidenceId)).forEach(ref -> text
        .append(ref.getKind()).append('\t').append(ref.getEvidenceId()).append('\t').append(ref.getDigest()).append('\n'));
    return HexFormat.of().formatHex(keys.addressMac(macSuite, text.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Encrypts the consent's evidence and writes it durably; returns once it is synced.
   *
   * @param digestSuite the suite whose digest the references carry (the terminal's)
   */
  public Stored write(String consentId, CryptoSuite digestSuite, List<EvidenceItem> items) throws IOException {
    String address = address(consentId, items.stream().map(EvidenceItem::ref).toList());
    Path target = objectPath(address);
    boolean existed = fs.exists(target);
    byte[] object = EvidenceEnvelope.seal(suite, keys, address, digestSuite, items, random);
    put(target, address, object);
    return new Stored(address, !existed, object.length);
  }

  /**
   * Reads and decrypts a consent's evidence, checking that every item is the one its reference
   * describes (digest, kind, id).
   *
   * @throws FileNotFoundException when the store holds no evidence of that consent
   * @throws EvidenceIntegrityException when the object does not open or does not match the references
   */
  public List<EvidenceItem> read(String consentId, List<EvidenceRef> refs) throws IOException {
    String address = address(consentId, refs);
    Path path = objectPath(address);
    if (!fs.exists(path)) {
      // written while the deployment had the other suite: addressed with that suite's MAC
      CryptoSuite other = suite == CryptoSuites.GM ? CryptoSuites.INTL : CryptoSuites.GM;
      String otherAddress = address(other, consentId, refs);
      if (fs.exists(objectPath(otherAddress))) {
        address = otherAddress;
        path = objectPath(otherAddress);
      }
    }
    EvidenceEnvelope.Opened opened;
    try {
      opened = EvidenceEnvelope.open(readAll(path), address, keys);
    } catch (org.qianhe.model.crypto.DecryptionException e) {
      throw new EvidenceIntegrityException("evidence object " + address + " does not open: altered, or another key");
    }
    List<EvidenceItem> items = opened.items();
    for (int i = 0; i < items.size(); i++) {
      EvidenceItem item = items.get(i);
      if (!opened.digestSuites().get(i).digestHex(item.data()).equals(item.ref().getDigest())) {
        throw new EvidenceIntegrityException("evidence " + item.ref().getEvidenceId() + " of object " + address
            + " does not match its digest");
      }
    }
    List<String> wanted = refs.stream().map(r -> r.getKind() + "/" + r.getEvidenceId() + "/" + r.getDigest()).sorted().toList();
    List<String> found = items.stream().map(i -> i.ref().getKind() + "/" + i.ref().getEvidenceId() + "/" + i.ref().getDigest())
        .sorted().toList();
    if (!wanted.equals(found)) {
      throw new EvidenceIntegrityException("evidence object " + address + " holds other items than the references name");
    }
    return items;
  }

  /** Whether the store's file system answers and holds its object directory; throws what it answers otherwise. */
  public boolean available() throws IOException {
    return fs.getFileStatus(new Path(root, OBJECTS)).isDirectory();
  }

  public boolean exists(String address) throws IOException {
    return fs.exists(objectPath(address));
  }

  /** Deletes the object; false when there was none. */
  public boolean delete(String address) throws IOException {
    boolean deleted = fs.delete(objectPath(address), false);
    if (deleted) {
      log.debug("evidence object {} deleted", address);
    }
    return deleted;
  }

  /**
   * Re-wraps the object's data key with the current KEK (after a rotation, to retire an old KEK);
   * the encrypted payload is not touched. Returns false when it already was.
   */
  public boolean rewrap(String address) throws IOException {
    Path path = objectPath(address);
    byte[] rewrapped = EvidenceEnvelope.rewrap(readAll(path), address, keys);
    if (rewrapped == null) {
      return false;
    }
    put(path, address, rewrapped);
    return true;
  }

  /** The KEK id an object's data key is wrapped with. */
  public String kekIdOf(String address) throws IOException {
    return EvidenceEnvelope.header(readAll(objectPath(address))).kekId();
  }

  /** Every object in the store. */
  public List<StoredObject> list() throws IOException {
    List<StoredObject> objects = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(new Path(root, OBJECTS), true);
    while (files.hasNext()) {
      LocatedFileStatus file = files.next();
      objects.add(new StoredObject(file.getPath().getName(), file.getLen(), Instant.ofEpochMilli(file.getModificationTime())));
    }
    return objects;
  }

  /** The raw (encrypted) bytes of an object, for scans and backups. */
  public byte[] rawBytes(String address) throws IOException {
    return readAll(objectPath(address));
  }

  /**
   * Deletes temporary files older than the instant: writes of a process that died between
   * creating and renaming them. Returns how many were deleted.
   */
  public int sweepTemporary(Instant olderThan) throws IOException {
    int swept = 0;
    for (FileStatus file : fs.listStatus(new Path(root, TMP))) {
      if (file.getModificationTime() < olderThan.toEpochMilli() && fs.delete(file.getPath(), false)) {
        swept++;
      }
    }
    if (swept > 0) {
      log.info("evidence store: {} abandoned temporary file(s) deleted", swept);
    }
    return swept;
  }

  /** The store's root, qualified ({@code file:/…} or {@code hdfs://…}). */
  public URI root() {
    return root.toUri();
  }

  private void put(Path target, String address, byte[] object) throws IOException {
    Path temp = new Path(new Path(root, TMP), address + "." + UUID.randomUUID() + ".part");
    try {
      try (FSDataOutputStream out = fs.create(temp, false)) {
        if (!out.hasCapability(StreamCapabilities.HSYNC)) {
          throw new IOException("the file system of " + root + " cannot sync writes (no hsync); evidence would not be durable");
        }
        out.write(object);
        out.hsync();
      }
      Path parent = target.getParent();
      if (knownDirectories.add(parent)) {
        fs.mkdirs(parent);
      }
      if (!fs.rename(temp, target)) {
        // HDFS does not replace an existing target: replace it (a rewrap) or keep it (the same evidence again)
        if (!fs.exists(target)) {
          throw new IOException("cannot rename " + temp + " to " + target);
        }
        fs.delete(target, false);
        if (!fs.rename(temp, target)) {
          throw new IOException("cannot rename " + temp + " to " + target);
        }
      }
      if (syncDirectories && "file".equals(root.toUri().getScheme())) {
        syncDirectory(parent);
      }
    } finally {
      fs.delete(temp, false); // gone after a rename; a leftover of a failed write otherwise
    }
  }

  private void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(java.nio.file.Path.of(directory.toUri()), StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private byte[] readAll(Path path) throws IOException {
    long length = fs.getFileStatus(path).getLen();
    if (length > Integer.MAX_VALUE - 8) {
      throw new IOException("evidence object too large: " + path);
    }
    byte[] bytes = new byte[(int) length];
    try (FSDataInputStream in = fs.open(path)) {
      in.readFully(0, bytes);
    }
    return bytes;
  }

  private Path objectPath(String address) {
    if (!address.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not an evidence address");
    }
    return new Path(new Path(new Path(new Path(root, OBJECTS), address.substring(0, 2)), address.substring(2, 4)), address);
  }

  @Override
  public void close() throws IOException {
    fs.close();
  }

  /** The outcome of a write: the address, whether this write created the object, and its size on disk. */
  public record Stored(String address, boolean created, long bytes) {}

  /** An object as a listing shows it. */
  public record StoredObject(String address, long bytes, Instant modified) {}
}
