package org.qianhe.model.codes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading the bundled code list files; a broken file is a build defect, so it fails loudly. */
final class Resources {

  private Resources() {}

  static JsonNode json(String name) {
    try (InputStream in = open(name)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read code list " + name, e);
    }
  }

  /** {@code code,name} lines; blank lines and lines starting with '#' are comments. */
  static Map<String, String> csv(String name) {
    Map<String, String> rows = new LinkedHashMap<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(name), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int comma = line.indexOf(',');
        if (comma < 0 || rows.put(line.substring(0, comma), line.substring(comma + 1)) != null) {
          throw new IllegalStateException("bad or repeated line in code list " + name + ": " + line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read code list " + name, e);
    }
    return rows;
  }

  static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalStateException("code list entry without '" + field + "': " + node);
    }
    return value;
  }

  static String text(JsonNode node, String field) {
    return required(node, field).asText();
  }

  private static InputStream open(String name) {
    InputStream in = Resources.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("code list " + name + " is missing from the class path");
    }
    return in;
  }
}
