package org.qianhe.batch.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.qianhe.ingest.evidence.PosixLocalFileSystem;

/**
 * The Hadoop FileSystem under the archive root ({@code file://} by default, {@code hdfs://} in
 * production) and the few operations the jobs need. Every rename is checked: Hadoop's
 * {@code rename} reports failure by returning false, not by throwing.
 */
public final class ArchiveStorage {

  private final String root;
  private final Configuration conf;
  private final FileSystem fs;

  private ArchiveStorage(String root, Configuration conf, FileSystem fs) {
    this.root = root;
    this.conf = conf;
    this.fs = fs;
  }

  /**
   * @param root     a Hadoop FileSystem URI, e.g. {@code file:///var/tmp/qianhe} or {@code hdfs://nn:8020/qianhe}
   * @param hadoop   extra Hadoop configuration keys (e.g. {@code dfs.replication})
   */
  public static ArchiveStorage open(String root, Map<String, String> hadoop) {
    Configuration conf = new Configuration();
    // The checksummed LocalFileSystem writes .crc side files next to every data file and keeps
    // them through renames; the raw one does not (DESIGN.md section 12). HDFS checksums itself.
    // PosixLocalFileSystem (ingest/evidence) is the raw one setting permissions through java.nio:
    // without Hadoop's native library the raw one forks chmod for every file and directory.
    conf.setClass("fs.file.impl", PosixLocalFileSystem.class, FileSystem.class);
    conf.setBoolean("fs.file.impl.disable.cache", true);
    hadoop.forEach(conf::set);
    String normalised = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    try {
      return new ArchiveStorage(normalised, conf, FileSystem.get(URI.create(normalised), conf));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the archive file system at " + normalised, e);
    }
  }

  public String root() {
    return root;
  }

  public Configuration conf() {
    return conf;
  }

  public FileSystem fs() {
    return fs;
  }

  public boolean exists(Path path) throws IOException {
    return fs.exists(path);
  }

  /** Children of a directory sorted by name; empty when the directory does not exist. */
  public List<FileStatus> list(Path dir) throws IOException {
    if (!fs.exists(dir)) {
      return List.of();
    }
    List<FileStatus> children = new ArrayList<>(Arrays.asList(fs.listStatus(dir)));
    children.sort(Comparator.comparing(status -> status.getPath().getName()));
    return children;
  }

  public void rename(Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) {
      throw new IOException("rename failed: " + from + " -> " + to);
    }
  }

  public void deleteRecursively(Path path) throws IOException {
    if (fs.exists(path) && !fs.delete(path, true)) {
      throw new IOException("delete failed: " + path);
    }
  }

  public void deleteIfExists(Path file) throws IOException {
    if (fs.exists(file) && !fs.delete(file, false)) {
      throw new IOException("delete failed: " + file);
    }
  }

  public byte[] readAll(Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return in.readAllBytes();
    }
  }

  public void writeAll(Path file, byte[] bytes) throws IOException {
    try (var out = fs.create(file, false)) {
      out.write(bytes);
    }
  }

  /** SHA-256 of a file's bytes, streamed. */
  public byte[] sha256(Path file) throws IOException {
    MessageDigest digest = Digests.sha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = fs.open(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return digest.digest();
  }
}
