package org.qianhe.paper.scan;

import org.qianhe.paper.PaperConfig;

/** The size checks every page passes before it is decoded, whatever its format. */
final class PageLimits {

  private final PaperConfig config;

  PageLimits(PaperConfig config) {
    this.config = config;
  }

  /** Checks declared pixel dimensions; nothing has been decoded yet. */
  void check(String file, int page, long width, long height) throws ScanRejectedException {
    if (width <= 0 || height <= 0) {
      throw new ScanRejectedException(RejectReason.ABSURD_DIMENSIONS, file, page, "no size");
    }
    if (width * height > config.maxPixels()) {
      throw new ScanRejectedException(RejectReason.DECOMPRESSION_BOMB, file, page,
          width + "x" + height + " px declared, limit " + config.maxPixels() + " px");
    }
    long shorter = Math.min(width, height);
    long longer = Math.max(width, height);
    if (shorter < config.minSidePx() || longer > config.maxSidePx() || (double) longer / shorter > config.maxAspect()) {
      throw new ScanRejectedException(RejectReason.ABSURD_DIMENSIONS, file, page, width + "x" + height + " px");
    }
  }
}
