package org.qianhe.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.RecordBinary;

/**
 * Acceptance 4: a Parquet reader that is not ours, DuckDB through the npm package
 * {@code @duckdb/node-api} (which ships its native library), reads an archive partition and
 * finds the contract's schema and exactly the archived rows, in order.
 */
class DuckDbReadsArchiveIT {

  static final LocalDate DAY = LocalDate.parse("2026-11-20");
  static final Path PROJECT = Path.of("src/test/duckdb");
  static final Path WORK = Path.of("target/duckdb");

  @TempDir Path dir;

  @Test
  void duckDbReadsTheSchemaAndRowsOfAPartition() throws Exception {
    ArchiveStorage storage = ArchiveStorage.open(dir.toUri().toString(), Map.of());
    StagingFixture.stage(storage, "410105", DAY, "part-1.parquet", new StagingFixture(51).records("410105", DAY, 200));
    StagingFixture.compactor(storage, 96 * 1024).compact("410105", DAY);
    ArchiveContent archive = new ArchiveContent(storage);
    List<GenericRecord> expected = archive.rows(archive.partition("410105", DAY));

    JsonNode result = new ObjectMapper().readTree(node(dir.resolve("archive/consents/region=410105/date=2026-11-20")));

    List<String> columns = new ArrayList<>();
    result.get("schema").forEach(column -> columns.add(column.get("name").asText()));
    List<String> fields = RecordBinary.SCHEMA.getFields().stream().map(Schema.Field::name).toList();
    assertThat(columns.subList(0, fields.size())).containsExactlyElementsOf(fields);
    // DuckDB reads the Hive-style directories as partition columns
    assertThat(columns.subList(fields.size(), columns.size())).containsExactlyInAnyOrder("region", "date");
    assertThat(type(result, "occurredAt")).isEqualTo("TIMESTAMP WITH TIME ZONE");
    assertThat(type(result, "vaccination")).startsWith("STRUCT(").contains("lotNumber VARCHAR", "lotExpiry DATE");
    assertThat(type(result, "screening")).endsWith("[]");
    assertThat(result.get("count").asInt()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    result.get("rows").forEach(row -> ids.add(row.get("consentId").asText()));
    assertThat(ids).containsExactlyElementsOf(expected.stream().map(r -> r.get("consentId").toString()).toList());
    JsonNode first = result.get("rows").get(0);
    assertThat(first.get("childKey").asText()).isEqualTo(((GenericRecord) expected.get(0).get("child")).get("key").toString());
    assertThat(first.get("occurredAt").asLong()).isEqualTo((Long) expected.get(0).get("occurredAt"));
    String lot = result.get("firstLot").asText();
    assertThat(result.get("firstLotCount").asLong()).isEqualTo(expected.stream()
        .filter(r -> ((GenericRecord) r.get("vaccination")).get("lotNumber").toString().equals(lot)).count());
  }

  private static String type(JsonNode result, String column) {
    for (JsonNode node : result.get("schema")) {
      if (node.get("name").asText().equals(column)) {
        return node.get("type").asText();
      }
    }
    throw new AssertionError("no column " + column);
  }

  /** Runs the npm project in a copy under target/, installing its locked packages once. */
  private static String node(Path partition) throws IOException, InterruptedException {
    Files.createDirectories(WORK);
    for (String file : List.of("package.json", "package-lock.json", "read-partition.mjs")) {
      Files.copy(PROJECT.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(WORK.resolve("node_modules/@duckdb/node-api"))) {
      run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
    }
    return run(List.of("node", "read-partition.mjs", partition.toAbsolutePath().toString()), 120);
  }

  private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
    Path log = Files.createTempFile("duckdb-it", ".log");
    Process process = new ProcessBuilder(command).directory(WORK.toFile())
        .redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    assertThat(process.exitValue()).as(command + " failed:\n" + output).isZero();
    // npm and node may print warnings before the JSON; the JSON is the last line
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1];
  }
}
