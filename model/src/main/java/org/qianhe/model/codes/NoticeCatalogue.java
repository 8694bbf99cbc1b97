package org.qianhe.model.codes;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notice texts terminals may show, by template and version (from {@code notices.json}). The
 * digest is computed from the text here, so the catalogue holds what the guardian read, not a
 * number someone copied.
 */
public final class NoticeCatalogue {

  static final String RESOURCE = "notices.json";

  private final Map<String, NoticeTemplate> byIdAndVersion;

  public NoticeCatalogue(Collection<NoticeTemplate> templates) {
    Map<String, NoticeTemplate> map = new HashMap<>();
    for (NoticeTemplate t : templates) {
      if (map.put(key(t.templateId(), t.version()), t) != null) {
        throw new IllegalArgumentException("notice listed twice: " + t.templateId() + " " + t.version());
      }
    }
    this.byIdAndVersion = Map.copyOf(map);
  }

  public Optional<NoticeTemplate> find(String templateId, String version) {
    return Optional.ofNullable(byIdAndVersion.get(key(templateId, version)));
  }

  public Collection<NoticeTemplate> all() {
    return byIdAndVersion.values();
  }

  /** A template whose digest is that of the text. */
  public static NoticeTemplate template(String templateId, String version, String vaccineCode, String text) {
    return new NoticeTemplate(templateId, version, vaccineCode, text, sha256Hex(text));
  }

  public static String sha256Hex(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static NoticeCatalogue read(JsonNode root) {
    List<NoticeTemplate> templates = new ArrayList<>();
    for (JsonNode n : Resources.required(root, "notices")) {
      templates.add(template(Resources.text(n, "templateId"), Resources.text(n, "version"),
          Resources.text(n, "vaccineCode"), Resources.text(n, "text")));
    }
    return new NoticeCatalogue(templates);
  }

  private static String key(String templateId, String version) {
    return templateId + "\u0000" + version;
  }
}
