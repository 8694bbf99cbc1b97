package org.qianhe.paper.scan;

/** Why a scan file or page was not read; each is one line in the job's skip log. */
public enum RejectReason {
  PATH_TRAVERSAL("the name points outside the scan batch folder (.., absolute path, link out of the folder, control characters)"),
  NOT_A_FILE("not a regular file"),
  EMPTY_FILE("the file is empty"),
  FILE_TOO_LARGE("the file is larger than qianhe.paper.limits.max-file-bytes"),
  UNSUPPORTED_FORMAT("not a PDF, TIFF, PNG or JPEG (judged by its first bytes, not its name)"),
  CORRUPT_PDF("the PDF cannot be parsed or a page cannot be rendered"),
  ENCRYPTED_PDF("the PDF is password protected"),
  UNREADABLE_IMAGE("the image data is damaged or truncated, or of a kind that cannot be decoded"),
  DECOMPRESSION_BOMB("the declared image size is larger than qianhe.paper.limits.max-pixels: refused before decoding"),
  ABSURD_DIMENSIONS("the page is too small, too large or too narrow to be a scanned form"),
  TOO_MANY_PAGES("the file has more pages than qianhe.paper.limits.max-pages"),
  TIMEOUT("opening the file or decoding a page took longer than qianhe.paper.limits.page-timeout"),
  IO_ERROR("the file could not be read from storage");

  private final String description;

  RejectReason(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
