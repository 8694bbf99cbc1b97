package org.qianhe.ingest.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer token of the administration endpoint. Configured ({@code qianhe.ingest.admin.token},
 * from the environment in production), or on a bare machine created once with {@link SecureRandom}
 * into {@code <data-dir>/keys/ingest-admin.token} (600), where the admin CLI finds it.
 *
 * <p>Only the token's SHA-256 is kept, and presented tokens are compared digest against digest in
 * constant time, so neither the token's length nor its prefix leaks through timing.
 */
public final class AdminToken {

  /** Where the embedded default keeps the token, relative to the data directory. */
  public static final Path FILE = Path.of("keys", "ingest-admin.token");

  private final byte[] digest;

  private AdminToken(String token) {
    this.digest = sha256(token);
  }

  /** A token given by configuration (or a test). */
  public static AdminToken of(String token) {
    if (token == null || token.strip().length() < 16) {
      throw new IllegalArgumentException("the admin token must have at least 16 characters");
    }
    return new AdminToken(token.strip());
  }

  static AdminToken configuredOrCreated(String configured, Path dataDir, SecureRandom random) {
    if (configured != null && !configured.isBlank()) {
      return of(configured);
    }
    Path file = dataDir.resolve(FILE);
    try {
      byte[] fresh = new byte[32];
      random.nextBytes(fresh);
      PrivateFiles.createOnce(file, (Base64.getUrlEncoder().withoutPadding().encodeToString(fresh) + "\n")
          .getBytes(StandardCharsets.US_ASCII));
      PrivateFiles.warnIfReadableByOthers(file);
      String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (token.length() < 16) {
        throw new IllegalStateException("admin token file " + file + " holds fewer than 16 characters");
      }
      return new AdminToken(token);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the admin token file " + file, e);
    }
  }

  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
