package org.qianhe.paper;

/**
 * How the page lay on the scanner, as registration measured it.
 *
 * @param method       MARKS (corner marks), BARCODE (QR finder patterns) or NONE (not registered)
 * @param angleDegrees rotation that was corrected (deskew)
 * @param dpi          resolution of the page image
 */
public record ScanGeometry(String method, double angleDegrees, double dpi) {

  public static final ScanGeometry NONE = new ScanGeometry("NONE", 0, 0);

  public boolean registered() {
    return !"NONE".equals(method);
  }
}
