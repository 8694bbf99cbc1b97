package org.qianhe.search.evidence;

import java.io.IOException;

/** Evidence that opened but cannot be rendered: not an image, an absurd size, a malformed template. */
class UnshowableEvidenceException extends IOException {

  UnshowableEvidenceException(String message) {
    super(message);
  }
}
