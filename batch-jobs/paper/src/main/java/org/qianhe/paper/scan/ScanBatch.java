package org.qianhe.paper.scan;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The scan files of a batch folder, in a stable order (a restarted job sees the same list). Links
 * are not followed into other folders; a link or name that leads outside the batch is listed as
 * rejected, as are names that cannot be printed safely. Names starting with '.' or '_' are files
 * still being copied in and are left out.
 */
public final class ScanBatch {

  /** The scan files (relative names with '/'), and the entries refused on sight. */
  public record Listing(List<String> files, List<ScanRejectedException> rejected) {}

  private static final int MAX_DEPTH = 4;

  private ScanBatch() {}

  public static Listing list(Path batchDir) throws IOException {
    Path base = batchDir.toAbsolutePath().normalize();
    List<String> files = new ArrayList<>();
    List<ScanRejectedException> rejected = new ArrayList<>();
    Files.walkFileTree(base, EnumSet.noneOf(FileVisitOption.class), MAX_DEPTH, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        return dir.equals(base) || !(name.startsWith(".") || name.startsWith("_"))
            ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        String leaf = file.getFileName().toString();
        if (leaf.startsWith(".") || leaf.startsWith("_") || !ScanFormat.scanName(leaf) || attrs.isDirectory()) {
          return FileVisitResult.CONTINUE;
        }
        String name = base.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        try {
          SafeNames.resolve(base, name);
          files.add(name);
        } catch (ScanRejectedException e) {
          rejected.add(e);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        rejected.add(new ScanRejectedException(RejectReason.IO_ERROR, base.relativize(file).toString(), 0,
            e.getClass().getSimpleName()));
        return FileVisitResult.CONTINUE;
      }
    });
    files.sort(null);
    return new Listing(List.copyOf(files), List.copyOf(rejected));
  }
}
