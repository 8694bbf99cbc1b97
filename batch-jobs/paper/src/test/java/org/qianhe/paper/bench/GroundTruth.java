package org.qianhe.paper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qianhe.paper.synth.CorpusGenerator;

/** The generator's ground truth of a batch: every field and tick by page. Test data only. */
public final class GroundTruth {

  /** What is printed and ticked on one page, by the form's names. */
  public record Page(String file, int page, Map<String, String> values, boolean signed, boolean noisy) {}

  private final Map<String, Page> pages;

  private GroundTruth(Map<String, Page> pages) {
    this.pages = pages;
  }

  public static GroundTruth read(Path batchDir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Page> pages = new HashMap<>();
    List<String> lines = Files.readAllLines(batchDir.resolve(CorpusGenerator.GROUND_TRUTH));
    for (String line : lines) {
      JsonNode node = json.readTree(line);
      Map<String, String> values = new LinkedHashMap<>();
      for (String group : List.of("fields", "checks")) {
        Iterator<Map.Entry<String, JsonNode>> it = node.get(group).fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          values.put(e.getKey(), e.getValue().asText());
        }
      }
      Page page = new Page(node.get("file").asText(), node.get("page").asInt(), values, node.get("signed").asBoolean(),
          node.get("noisy").asBoolean());
      pages.put(key(page.file(), page.page()), page);
    }
    return new GroundTruth(pages);
  }

  public Page page(String file, int page) {
    Page truth = pages.get(key(file, page));
    if (truth == null) {
      throw new IllegalArgumentException("no ground truth for " + file + " page " + page);
    }
    return truth;
  }

  public int size() {
    return pages.size();
  }

  private static String key(String file, int page) {
    return file + "#" + page;
  }
}
