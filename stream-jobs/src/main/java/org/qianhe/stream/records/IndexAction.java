package org.qianhe.stream.records;

/**
 * What the index operator is to do, in the order semantic dedup decided it: index and stage a kept
 * consent, or remove the document of a consent found to be a duplicate.
 *
 * <p>Removal is what keeps the index equal to staging across restarts. Staging and the Kafka topics
 * are transactional; the index is not. After a failure the job replays from its last checkpoint,
 * and records of one vaccination from different Kafka partitions may arrive in another order:
 * the record kept before the failure (and already indexed) may now be the duplicate. Its
 * document is then removed; staging never committed it.
 *
 * @param consent  the consent to index and stage, or null
 * @param removeId the consentId whose document must not exist, or null
 */
public record IndexAction(DecodedConsent consent, String removeId) {

  public static IndexAction keep(DecodedConsent consent) {
    return new IndexAction(consent, null);
  }

  public static IndexAction remove(String consentId) {
    return new IndexAction(null, consentId);
  }

  public boolean isRemoval() {
    return consent == null;
  }

  @Override
  public String toString() {
    return isRemoval() ? "IndexAction[remove " + removeId + "]" : "IndexAction[keep " + consent + "]";
  }
}
