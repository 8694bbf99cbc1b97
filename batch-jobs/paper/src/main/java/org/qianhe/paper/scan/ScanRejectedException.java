package org.qianhe.paper.scan;

/**
 * A scan file (page 0) or one page of it that is not read, with the reason for the skip log. The
 * message names the file (made printable) and the reason, never content of the file.
 */
public final class ScanRejectedException extends Exception {

  private final RejectReason reason;
  private final String file;
  private final int page;

  public ScanRejectedException(RejectReason reason, String file, int page, String detail) {
    this(reason, file, page, detail, null);
  }

  public ScanRejectedException(RejectReason reason, String file, int page, String detail, Throwable cause) {
    super(SafeNames.forLog(file) + (page > 0 ? " page " + page : "") + ": " + reason + " (" + detail + ")", cause,
        false, true);
    this.reason = reason;
    this.file = file;
    this.page = page;
  }

  public RejectReason reason() {
    return reason;
  }

  /** The file's name as given (may hold control characters: use {@link SafeNames#forLog} to print it). */
  public String file() {
    return file;
  }

  /** The page, 1-based; 0 when the whole file is rejected. */
  public int page() {
    return page;
  }
}
