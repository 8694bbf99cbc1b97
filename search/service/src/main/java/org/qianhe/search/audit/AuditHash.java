package org.qianhe.search.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain's hash: SHA-256 over the previous row's hash (64 hex characters) followed by the
 * row's canonical form. The canonical form lists every field in a fixed order, each as its UTF-8
 * length, a colon, the bytes and a newline ({@code ~} and a newline for null), so that no two
 * different rows share one form however their texts are chosen. Time is epoch milliseconds:
 * every database stores those exactly.
 */
public final class AuditHash {

  public static final String GENESIS = "0".repeat(64);
  private static final String VERSION = "qianhe-audit-v1";

  private AuditHash() {}

  public static String of(String prevHash, long seq, long occurredAtMillis, String username, AuditAction action,
      String target, String summary, long resultCount, String reason, String client) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    field(out, prevHash);
    field(out, VERSION);
    field(out, Long.toString(seq));
    field(out, Long.toString(occurredAtMillis));
    field(out, username);
    field(out, action.name());
    field(out, target);
    field(out, summary);
    field(out, Long.toString(resultCount));
    field(out, reason);
    field(out, client);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  static String of(AuditRecord r) {
    return of(r.prevHash(), r.seq(), r.occurredAt().toEpochMilli(), r.username(), r.action(), r.target(), r.summary(),
        r.resultCount(), r.reason(), r.client());
  }

  private static void field(ByteArrayOutputStream out, String value) {
    if (value == null) {
      out.write('~');
    } else {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      out.write(':');
      out.writeBytes(bytes);
    }
    out.write('\n');
  }
}
