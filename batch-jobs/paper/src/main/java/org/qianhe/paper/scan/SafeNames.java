package org.qianhe.paper.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Scan file names from a vendor (folder listing, manifest) are untrusted: a name may climb out of
 * the batch folder ({@code ../}), be absolute, hide a link that points elsewhere, or carry control
 * characters that forge lines in a log. Names are resolved here, and only here.
 */
public final class SafeNames {

  private static final int MAX_NAME = 1024;
  private static final int MAX_COMPONENT = 255;

  private SafeNames() {}

  /**
   * The file a relative name denotes inside the batch folder.
   *
   * @throws ScanRejectedException PATH_TRAVERSAL for any name that does not stay inside
   */
  public static Path resolve(Path batchDir, String name) throws ScanRejectedException {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
      throw traversal(name, "empty or too long");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7F || c == '\\' || c == ':') {
        throw traversal(name, "control character, backslash or colon in the name");
      }
    }
    if (name.startsWith("/") || name.startsWith("~")) {
      throw traversal(name, "absolute name");
    }
    for (String part : name.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.length() > MAX_COMPONENT) {
        throw traversal(name, "empty, '.' or '..' path element");
      }
    }
    Path base = batchDir.toAbsolutePath().normalize();
    Path file;
    try {
      file = base.resolve(name).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw traversal(name, "not a file name on this system");
    }
    if (!file.startsWith(base) || file.equals(base)) {
      throw traversal(name, "outside the batch folder");
    }
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      try {
        if (!file.toRealPath().startsWith(base.toRealPath())) {
          throw traversal(name, "a link to outside the batch folder");
        }
      } catch (IOException e) {
        throw new ScanRejectedException(RejectReason.IO_ERROR, name, 0, e.getClass().getSimpleName());
      }
    }
    return file;
  }

  /** A name made safe to print: control characters replaced, length bounded. */
  public static String forLog(String name) {
    if (name == null) {
      return "<no name>";
    }
    StringBuilder out = new StringBuilder();
    name.codePoints().limit(160).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return name.length() > 160 ? out + "…" : out.toString();
  }

  private static ScanRejectedException traversal(String name, String detail) {
    return new ScanRejectedException(RejectReason.PATH_TRAVERSAL, name, 0, detail);
  }
}
