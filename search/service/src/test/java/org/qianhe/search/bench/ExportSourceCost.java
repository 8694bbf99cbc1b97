package org.qianhe.search.bench;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.qianhe.ops.stack.ElasticsearchNode;
import org.qianhe.ops.stack.ElasticsearchNodeSettings;
import org.qianhe.search.export.CsvColumns;
import org.qianhe.search.index.ConsentIndexClient;
import org.qianhe.search.query.ConsentQueries;
import org.qianhe.search.query.TraceCriteria;

/**
 * {@code ./ops/bench/run.sh export-source [--docs N]}: what one exported row costs the
 * Elasticsearch node (its process CPU, from /proc) for each way an export can ask for the
 * columns, against the way the service asks today (the column list as {@code _source} includes).
 * With no source filter the node copies {@code _source} as stored instead of parsing and
 * rewriting it; that is what mapping version 3 made possible, by keeping the sealed identity out
 * of {@code _source}. The other ways are kept as the figures to beat for any later change.
 */
public final class ExportSourceCost {

  private static final int ROUNDS = 2;
  /** The way the service asks today, the baseline: {@code _source} as stored, no filter. */
  private static final String TODAY = "as_stored";

  public static void main(String[] args) throws Exception {
    long docs = 2_000_000L;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--docs")) {
        docs = Long.parseLong(args[++i].replace("_", ""));
      } else {
        throw new IllegalArgumentException("usage: ExportSourceCost [--docs N], not " + args[i]);
      }
    }
    Map<String, Consumer<SearchRequest.Builder>> ways = new LinkedHashMap<>();
    ways.put(TODAY, s -> s.source(src -> src.fetch(true)));
    // how the service asked before mapping version 3
    ways.put("column_list", s -> s.source(src -> src.filter(f -> f.includes(CsvColumns.PATHS))));
    ways.put("docvalue_fields", s -> {
      s.source(src -> src.fetch(false));
      for (String field : docValueColumns()) {
        s.docvalueFields(d -> d.field(field));
      }
    });

    System.out.printf(Locale.ROOT, "export source cost: %,d documents, one district exported %d times each way%n", docs, ROUNDS);
    try (ElasticsearchNode node = ElasticsearchNode.start(ElasticsearchNodeSettings.defaults().withJavaOpts("-Xms2g -Xmx2g"));
         ConsentIndexClient index = ConsentIndexClient.connect(node.httpUrl())) {
      SyntheticConsents synthetic = new SyntheticConsents(42, docs);
      index.ensureIndex();
      BulkLoader loader = new BulkLoader(index.client(), node.httpUrl());
      loader.load(synthetic, docs);
      loader.settle();
      Map<String, Double> best = new LinkedHashMap<>();
      for (int round = 0; round < ROUNDS; round++) {
        String region = synthetic.regions().get(round % synthetic.regions().size());
        Query district = ConsentQueries.criteria(
            new TraceCriteria(null, null, null, null, region, null, null, null, null, null, null));
        for (Map.Entry<String, Consumer<SearchRequest.Builder>> way : ways.entrySet()) {
          long cpu0 = cpuMillis(node.pid());
          long rows = DirectExport.rows(index.client(), district, way.getValue());
          double microsPerRow = (cpuMillis(node.pid()) - cpu0) * 1000.0 / rows;
          System.out.printf(Locale.ROOT, "  %-26s district %s: %,d rows, node CPU %.1f µs per row%n", way.getKey(), region,
              rows, microsPerRow);
          best.merge(way.getKey(), microsPerRow, Math::min);
        }
      }
      double today = best.get(TODAY);
      StringBuilder json = new StringBuilder("{\"bench\":\"export-source\",\"docs\":").append(docs);
      best.forEach((way, micros) -> json.append(String.format(Locale.ROOT, ",\"%s_us_per_row\":%.1f,\"%s_ratio\":%.2f",
          way, micros, way, micros / today)));
      System.out.println(json.append('}'));
    }
  }

  /** The CSV columns that have doc values (text fields through their keyword sub-field). */
  private static List<String> docValueColumns() {
    return CsvColumns.PATHS.stream().map(p -> p.equals("vaccineName") || p.equals("manufacturer") ? p + ".raw" : p)
        .toList();
  }

  /** User and system CPU of a process so far, from /proc (clock ticks of 10 ms). */
  private static long cpuMillis(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
  }
}
