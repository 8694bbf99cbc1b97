package org.qianhe.paper.synth;

/**
 * The ground truth of one generated page: where it is and what is printed on it. Test data only
 * (the identities in it are synthetic).
 *
 * @param manifestError the vendor manifest row of this page was deliberately mistyped
 */
public record PageTruth(String file, int page, String box, FormData data, ScanStyle style, boolean manifestError) {

  @Override
  public String toString() {
    return "PageTruth[" + file + "#" + page + ", " + data + "]";
  }
}
