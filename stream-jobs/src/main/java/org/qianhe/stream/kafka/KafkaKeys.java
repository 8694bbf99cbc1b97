package org.qianhe.stream.kafka;

import java.nio.charset.StandardCharsets;

/** Keys of the consent topics are the consentId in UTF-8; undecodable records may have none. */
final class KafkaKeys {

  private KafkaKeys() {}

  static byte[] bytes(String key) {
    return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
  }
}
