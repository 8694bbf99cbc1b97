package org.qianhe.paper.scan;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scanning vendor's manifest CSV: {@code file,box,page} and the index fields keyed by hand
 * (e.g. {@code form_id,vaccination_date,vaccine_code,lot_number}), header first. A bad row (a file
 * name leading out of the batch, a page that is not a number, a repeated page) is left out and
 * reported by row number; it never stops the batch. The first of repeated rows is kept.
 */
public final class Manifest {

  public static final long MAX_BYTES = 64L << 20;

  private final Map<String, ManifestEntry> entries;
  private final List<String> problems;

  private Manifest(Map<String, ManifestEntry> entries, List<String> problems) {
    this.entries = entries;
    this.problems = List.copyOf(problems);
  }

  public static Manifest empty() {
    return new Manifest(Map.of(), List.of());
  }

  /** Reads the manifest of a batch; a batch without one has an empty manifest. */
  public static Manifest read(Path csv, Path batchDir) throws IOException {
    if (!Files.isRegularFile(csv)) {
      return empty();
    }
    if (Files.size(csv) > MAX_BYTES) {
      throw new IOException("manifest larger than " + MAX_BYTES + " bytes");
    }
    Map<String, ManifestEntry> entries = new HashMap<>();
    List<String> problems = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String headerLine = in.readLine();
      if (headerLine == null) {
        return empty();
      }
      List<String> header = Csv.split(headerLine.replace("\uFEFF", ""));
      int fileCol = header.indexOf("file");
      int boxCol = header.indexOf("box");
      int pageCol = header.indexOf("page");
      if (fileCol < 0 || pageCol < 0) {
        throw new IOException("manifest header needs the columns file and page");
      }
      String line;
      int row = 1;
      while ((line = in.readLine()) != null) {
        row++;
        if (line.isBlank()) {
          continue;
        }
        List<String> cells = Csv.split(line);
        if (cells.size() != header.size()) {
          problems.add("row " + row + ": " + cells.size() + " cells, header has " + header.size());
          continue;
        }
        String file = cells.get(fileCol);
        int page;
        try {
          SafeNames.resolve(batchDir, file);
          page = Integer.parseInt(cells.get(pageCol).strip());
        } catch (ScanRejectedException e) {
          problems.add("row " + row + ": " + e.reason());
          continue;
        } catch (NumberFormatException e) {
          problems.add("row " + row + ": page is not a number");
          continue;
        }
        if (page < 1) {
          problems.add("row " + row + ": page below 1");
          continue;
        }
        Map<String, String> keyed = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
          if (c != fileCol && c != pageCol && c != boxCol) {
            keyed.put(camelCase(header.get(c)), cells.get(c).strip());
          }
        }
        ManifestEntry entry = new ManifestEntry(file, boxCol < 0 ? "" : cells.get(boxCol), page, keyed);
        if (entries.putIfAbsent(key(file, page), entry) != null) {
          problems.add("row " + row + ": the page is listed twice; the first row is kept");
        }
      }
    }
    return new Manifest(entries, problems);
  }

  public Optional<ManifestEntry> find(String file, int page) {
    return Optional.ofNullable(entries.get(key(file, page)));
  }

  public int size() {
    return entries.size();
  }

  /** Rows left out, by row number and reason (no values). */
  public List<String> problems() {
    return problems;
  }

  static String camelCase(String column) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : column.strip().toCharArray()) {
      if (c == '_' || c == '-' || c == ' ') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
        upper = false;
      }
    }
    return out.toString();
  }

  private static String key(String file, int page) {
    return file + "\u0000" + page;
  }
}
