package org.qianhe.paper;

/**
 * Images kept as evidence, to be encrypted into the evidence store (never read for content).
 *
 * @param signaturePng       the guardian's signature, cut out in colour and deskewed (empty when not registered)
 * @param signed             whether there is ink in the signature box
 * @param pageImage          the whole page in colour as configured (qianhe.paper.evidence.page-image), or empty
 * @param pageImageMediaType image/jpeg, image/png, or "" when there is no page image
 */
public record PageEvidence(byte[] signaturePng, boolean signed, byte[] pageImage, String pageImageMediaType) {

  public static final PageEvidence NONE = new PageEvidence(new byte[0], false, new byte[0], "");

  @Override
  public String toString() {
    return "PageEvidence[signature " + signaturePng.length + " B, signed " + signed + ", page " + pageImage.length + " B "
        + pageImageMediaType + "]";
  }
}
