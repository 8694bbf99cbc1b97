package org.qianhe.ingest.evidence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Owner-only (600) files of secrets, written durably. {@link #createOnce} is safe against several
 * services starting together on one data directory: the content goes to a private temporary file
 * that is hard-linked into place, which fails when the file exists, so one version wins.
 */
final class SecretFiles {

  private SecretFiles() {}

  static boolean createOnce(Path file, byte[] content) throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    Path temp = writeTemporary(file, content);
    try {
      try {
        Files.createLink(file, temp);
      } catch (UnsupportedOperationException e) {
        Files.move(temp, file);
      }
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Replaces the file atomically: readers see the old or the new content, never a mix. */
  static void replace(Path file, byte[] content) throws IOException {
    Path temp = writeTemporary(file, content);
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Path writeTemporary(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir.getParent());
      try {
        Files.createDirectory(dir, posix ? new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))} : new FileAttribute<?>[0]);
      } catch (FileAlreadyExistsException raced) {
        // created by another service a moment ago
      }
    }
    Path temp = posix
        ? Files.createTempFile(dir, ".secret", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.createTempFile(dir, ".secret", ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
         OutputStream out = Channels.newOutputStream(channel)) {
      out.write(content);
      out.flush();
      channel.force(true);
    }
    return temp;
  }
}
