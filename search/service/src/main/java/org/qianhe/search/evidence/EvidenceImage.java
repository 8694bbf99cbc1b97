package org.qianhe.search.evidence;

import java.util.Base64;

/**
 * One piece of evidence as it may be shown: a watermarked JPEG or PNG made in memory for one
 * viewer, never the stored bytes (a fingerprint template is drawn, not handed out).
 *
 * @param kind FINGERPRINT, PHOTO, SIGNATURE or SCAN
 * @param evidenceId the reference's id
 * @param mediaType {@code image/jpeg} or {@code image/png}
 * @param bytes the encoded image
 */
public record EvidenceImage(String kind, String evidenceId, String mediaType, byte[] bytes) {

  /** The image as a {@code data:} URI, so a page shows it without a URL that could be fetched again. */
  public String dataUri() {
    return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  /** A file name for the image: evidence id and the format's extension. */
  public String fileName() {
    return evidenceId + ("image/png".equals(mediaType) ? ".png" : ".jpg");
  }

  @Override
  public String toString() {
    return kind + " " + evidenceId + " (" + mediaType + ", " + bytes.length + " bytes)"; // never the bytes
  }
}
