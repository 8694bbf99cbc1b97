package org.qianhe.paper.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads a form template resource; a broken template is a build defect, so it fails loudly. */
final class FormTemplateJson {

  private FormTemplateJson() {}

  static FormTemplate read(String resource) {
    try (InputStream in = FormTemplateJson.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("form template " + resource + " is missing from the class path");
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read form template " + resource, e);
    }
  }

  static FormTemplate parse(JsonNode root) {
    List<double[]> marks = new ArrayList<>();
    for (JsonNode c : required(root.path("marks"), "centres")) {
      marks.add(new double[] {c.get(0).asDouble(), c.get(1).asDouble()});
    }
    List<FieldSpec> fields = new ArrayList<>();
    for (JsonNode f : required(root, "fields")) {
      FieldKind kind = FieldKind.valueOf(text(f, "kind"));
      String pattern = f.path("pattern").asText(kind == FieldKind.DATE ? "[0-9]{4}-[0-9]{2}-[0-9]{2}" : ".+");
      fields.add(new FieldSpec(text(f, "name"), text(f, "label"), f.path("labelX").asDouble(20), box(f), kind,
          whitelist(f.path("whitelist").asText("")), Pattern.compile(pattern), f.path("identity").asBoolean(false),
          f.path("secondRead").asBoolean(false), f.path("vocabulary").asText("")));
    }
    List<CheckboxGroup> groups = new ArrayList<>();
    for (JsonNode g : required(root, "checkboxGroups")) {
      List<CheckboxGroup.Option> options = new ArrayList<>();
      for (JsonNode o : required(g, "options")) {
        options.add(new CheckboxGroup.Option(text(o, "value"), text(o, "label"), o.path("x").asDouble()));
      }
      groups.add(new CheckboxGroup(text(g, "name"), g.path("label").asText(""), g.path("labelX").asDouble(20),
          g.path("y").asDouble(), options));
    }
    List<PrintedText> texts = new ArrayList<>();
    for (JsonNode t : required(root, "texts")) {
      texts.add(printed(t, text(t, "text")));
    }
    JsonNode barcode = required(root, "barcode");
    JsonNode signature = required(root, "signature");
    JsonNode stamp = required(root, "stamp");
    return new FormTemplate(text(root, "id"), text(root, "noticeVersion"), root.path("widthMm").asDouble(),
        root.path("heightMm").asDouble(), marks, root.path("marks").path("sizeMm").asDouble(), box(barcode),
        barcode.path("qrVersion").asInt(), text(barcode, "prefix"), fields, groups,
        root.path("checkboxSizeMm").asDouble(4), box(signature), text(signature, "label"),
        signature.path("labelX").asDouble(20),
        new double[] {stamp.path("centreX").asDouble(), stamp.path("centreY").asDouble()},
        stamp.path("radius").asDouble(), texts, printed(required(root, "siteName"), ""),
        printed(required(root, "footer"), ""));
  }

  /** A whitelist, or "@file": the characters of a resource beside the template ('#' lines are comments). */
  private static String whitelist(String value) {
    if (!value.startsWith("@")) {
      return value;
    }
    String resource = value.substring(1);
    try (InputStream in = FormTemplateJson.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("whitelist " + resource + " is missing from the class path");
      }
      StringBuilder chars = new StringBuilder();
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("#")) {
          chars.append(line.strip());
        }
      }
      return chars.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read whitelist " + resource, e);
    }
  }

  private static PrintedText printed(JsonNode t, String text) {
    return new PrintedText(text, t.path("x").asDouble(), t.path("y").asDouble(), t.path("sizePt").asDouble(10),
        t.path("bold").asBoolean(false), "CENTRE".equals(t.path("align").asText()));
  }

  private static Box box(JsonNode n) {
    return new Box(n.path("x").asDouble(), n.path("y").asDouble(), n.path("w").asDouble(), n.path("h").asDouble());
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalStateException("form template without '" + field + "'");
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    return required(node, field).asText();
  }
}
