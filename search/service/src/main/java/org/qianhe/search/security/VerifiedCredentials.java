package org.qianhe.search.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.qianhe.search.system.SearchProperties;
import org.springframework.stereotype.Component;

/**
 * Remembers, for a short while, that a user name and password were verified, so that an HTTP
 * Basic client (the CLI, a script, the pipeline) does not pay for Argon2id (tens of
 * milliseconds, on purpose) on every request. Elasticsearch's own realm cache does the same.
 *
 * <p>Only a keyed hash of the password is kept (HMAC-SHA256 under a key drawn at startup and
 * never stored), so a heap dump does not yield the password, nor a hash that can be attacked
 * offline without that key. Entries expire after {@code credential-cache-ttl}; any change to an
 * account in this process forgets it at once. Only verified accounts are remembered, so the
 * cache holds at most one entry per account.
 */
@Component
public class VerifiedCredentials {

  private record Entry(byte[] mac, Analyst analyst, Instant expires) {}

  private final SecretKeySpec key;
  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  VerifiedCredentials(SearchProperties properties, Clock clock) {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    this.key = new SecretKeySpec(random, "HmacSHA256");
    this.ttl = properties.security().credentialCacheTtl();
    this.clock = clock;
  }

  /** The account, when this exact password was verified for it within the time to live. */
  Optional<Analyst> match(String username, String password) {
    Entry entry = entries.get(username);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.expires())) {
      entries.remove(username, entry);
      return Optional.empty();
    }
    return MessageDigest.isEqual(entry.mac(), mac(username, password)) ? Optional.of(entry.analyst()) : Optional.empty();
  }

  void remember(String username, String password, Analyst analyst) {
    if (!ttl.isZero()) {
      entries.put(username, new Entry(mac(username, password), analyst, clock.instant().plus(ttl)));
    }
  }

  /** Called on every change of the account: its next request is verified against the database again. */
  public void forget(String username) {
    entries.remove(username);
  }

  private byte[] mac(String username, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(username.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
