package org.qianhe.ingest.keys;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secret files of the embedded default (keys, the admin token): created once, owner-only (600 in
 * a 700 directory), and safe against a second service starting at the same moment on the same
 * data directory — the content is written to a private temporary file and hard-linked into place,
 * which fails if the file already exists, so exactly one version wins and everyone reads it.
 */
final class PrivateFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);

  private PrivateFiles() {}

  /** Writes the file unless it exists; returns whether this call created it. */
  static boolean createOnce(Path file, byte[] content) throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    Path dir = file.toAbsolutePath().getParent();
    createPrivateDirectory(dir);
    Path temp = posix(dir)
        ? Files.createTempFile(dir, ".secret", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempFile(dir, ".secret", ".tmp", new FileAttribute<?>[0]);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
           OutputStream out = Channels.newOutputStream(channel)) {
        out.write(content);
        out.flush();
        channel.force(true);
      }
      publish(temp, file);
      return true;
    } catch (FileAlreadyExistsException e) {
      log.info("{} was created by another process; using it", file);
      return false;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static void warnIfReadableByOthers(Path file) throws IOException {
    if (posix(file.toAbsolutePath().getParent())
        && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
      log.warn("secret file {} is readable by other users; it should have permissions 600", file);
    }
  }

  /** The directory is the owner's alone (700); directories above it are left as the OS makes them. */
  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir.getParent());
    try {
      if (posix(dir.getParent())) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException raced) {
      // another service created it a moment ago
    }
  }

  /** Puts the finished file in place only if none exists: a hard link never replaces a file. */
  private static void publish(Path temp, Path file) throws IOException {
    try {
      Files.createLink(file, temp);
    } catch (UnsupportedOperationException e) {
      Files.move(temp, file); // no hard links here: a non-replacing move is the next best thing
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
