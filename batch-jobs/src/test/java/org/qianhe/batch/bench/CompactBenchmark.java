package org.qianhe.batch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.qianhe.batch.StagingFixture;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.ConsentParquet;
import org.qianhe.batch.archive.RecordBinary;
import org.qianhe.batch.compact.CompactSettings;
import org.qianhe.batch.compact.CompactionResult;
import org.qianhe.batch.compact.PartitionCompactor;
import org.qianhe.batch.compact.StagingScan;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.ConsentRecords;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.PeopleProtector;
import org.qianhe.model.storage.StorageLayout;
import org.qianhe.ops.bench.PeakMemory;
import org.qianhe.terminal.simulator.ConsentGenerator;

/**
 * {@code ./ops/bench/run.sh compact}: compaction throughput against a plain parquet-java writer.
 *
 * <p>Generates N consents of one clinic day (10 regions), writes them as staged files the way the
 * stream job does (one file per region per "checkpoint", SNAPPY), then times, in the same JVM:
 * <ul>
 *   <li>baseline: one {@code AvroParquetWriter} (ZSTD, defaults otherwise) writing the same rows
 *       unsorted from memory, no manifest, no verification;</li>
 *   <li>compaction: {@link PartitionCompactor} over every region of the day, on as many threads as
 *       the compact job uses ({@code qianhe.batch.compact.threads}, default 2): read staged
 *       files, dedup, sort, write ZSTD + bloom filters, read back and verify, manifest, swap.</li>
 * </ul>
 * A short warm-up of both runs first. Prints progress, then the figures as one JSON line last.
 *
 * <p>Usage: {@code CompactBenchmark [rows] [threads]}
 */
public final class CompactBenchmark {

  private static final LocalDate DAY = LocalDate.parse("2026-11-20");
  /** 18:00 in the clinics' zone: the generator's last six hours stay within the day. */
  private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  private static final int ROWS_PER_STAGED_FILE = 20_000;
  private static final int CORES = Runtime.getRuntime().availableProcessors();
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path work = Files.createTempDirectory("compact-bench");
    try {
      System.out.println("compact benchmark: " + rows + " rows, " + threads + " compaction thread(s), "
          + CORES + " cores, work dir " + work);
      run(Math.min(20_000, rows), threads, work.resolve("warmup"), false);
      run(rows, threads, work.resolve("run"), true);
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static void run(int rows, int threads, Path dir, boolean report) throws Exception {
    String phase = report ? "" : "warm-up: ";
    ArchiveStorage storage = ArchiveStorage.open(dir.toUri().toString(), Map.of());
    long started = System.nanoTime();
    List<byte[]> encoded = generate(rows);
    System.out.printf("%sgenerated %d consents in %.1f s%n", phase, rows, seconds(started));

    started = System.nanoTime();
    long stagingBytes = stage(storage, encoded);
    System.out.printf("%sstaged %d files, %.0f bytes/record (SNAPPY) in %.1f s%n", phase,
        (rows + ROWS_PER_STAGED_FILE - 1) / ROWS_PER_STAGED_FILE + 10, (double) stagingBytes / rows, seconds(started));

    started = System.nanoTime();
    long cpuStarted = CPU.getCurrentThreadCpuTime();
    long baselineBytes = baseline(storage, encoded, dir.resolve("baseline.parquet"));
    double baselineSeconds = seconds(started);
    double baselineCpuMicros = (CPU.getCurrentThreadCpuTime() - cpuStarted) / 1e3 / rows;
    System.out.printf("%sbaseline: plain AvroParquetWriter (ZSTD, unsorted, no manifest) %d rows in %.2f s = %.0f rows/s, "
        + "%.0f bytes/record, %.1f CPU us/row%n", phase, rows, baselineSeconds, rows / baselineSeconds,
        (double) baselineBytes / rows, baselineCpuMicros);
    started = System.nanoTime();
    ceiling(storage, encoded, dir);
    double ceilingSeconds = seconds(started);
    System.out.printf("%sceiling: the same plain writer on all %d cores, each its share of the rows into its own file: %.0f rows/s%n",
        phase, CORES, rows / ceilingSeconds);
    encoded = null;
    System.gc();

    started = System.nanoTime();
    AtomicLong compactCpu = new AtomicLong();
    List<CompactionResult> results = compact(storage, threads, compactCpu);
    double compactSeconds = seconds(started);
    long archivedRows = results.stream().mapToLong(CompactionResult::rows).sum();
    long archiveBytes = results.stream().mapToLong(CompactionResult::bytes).sum();
    // CPU time per row does not depend on what else runs on the machine, wall time does
    System.out.printf("%scompaction: %d partitions, %d rows in %.2f s = %.0f rows/s, %.0f bytes/record, %.1f CPU us/row "
        + "(load average %s)%n", phase, results.size(), archivedRows, compactSeconds, archivedRows / compactSeconds,
        (double) archiveBytes / archivedRows, compactCpu.get() / 1e3 / archivedRows, loadAverage());
    if (archivedRows != rows) {
      throw new IllegalStateException("compaction archived " + archivedRows + " rows of " + rows);
    }
    if (report) {
      double rowsPerSecond = rows / compactSeconds;
      double baselinePerSecond = rows / baselineSeconds;
      double ceilingPerSecond = rows / ceilingSeconds;
      System.out.printf("against the ceiling: %.2f of what the plain writer does on every core of this machine%n",
          rowsPerSecond / ceilingPerSecond);
      System.out.printf("{\"bench\":\"compact\",\"rows\":%d,\"threads\":%d,\"rows_per_s\":%.0f,\"baseline\":\"avro-parquet-writer-zstd\","
              + "\"baseline_rows_per_s\":%.0f,\"ratio\":%.2f,\"ceiling_rows_per_s\":%.0f,\"bytes_per_record_staging\":%.1f,"
              + "\"bytes_per_record_archive\":%.1f,"
              + "\"peak_rss_mb\":%d,\"cpu_us_per_row\":%.1f,\"baseline_cpu_us_per_row\":%.1f,\"load_average\":%s}%n",
          rows, threads, rowsPerSecond, baselinePerSecond, rowsPerSecond / baselinePerSecond, ceilingPerSecond,
          (double) stagingBytes / rows, (double) archiveBytes / rows, PeakMemory.selfMb(), compactCpu.get() / 1e3 / rows,
          baselineCpuMicros, loadAverage());
    }
  }

  /** Consents of the day as Avro binary (a third of the heap of decoded records), generated on all cores. */
  private static List<byte[]> generate(int rows) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CORES);
    try {
      List<Future<List<byte[]>>> parts = new ArrayList<>();
      for (int w = 0; w < CORES; w++) {
        int seed = w;
        int count = rows / CORES + (w < rows % CORES ? 1 : 0);
        parts.add(pool.submit(() -> {
          byte[] key = new byte[32];
          java.util.Arrays.fill(key, (byte) 7);
          PeopleProtector protector = new PeopleProtector(new BlindIndex(key), new IdentitySealer("bench-1", key));
          ConsentGenerator generator = new ConsentGenerator(1000 + seed, NOW);
          RecordBinary binary = new RecordBinary();
          List<byte[]> out = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            ConsentRecord record = ConsentRecords.fromUpload(generator.next(), NOW, protector);
            out.add(binary.encode(StagingFixture.generic(record)));
          }
          return out;
        }));
      }
      List<byte[]> all = new ArrayList<>(rows);
      for (Future<List<byte[]>> part : parts) {
        all.addAll(part.get());
      }
      return all;
    } finally {
      pool.shutdown();
    }
  }

  /** Staged files per region, rolled every ROWS_PER_STAGED_FILE rows like checkpoint-rolled files. */
  private static long stage(ArchiveStorage storage, List<byte[]> encoded) throws IOException {
    RecordBinary binary = new RecordBinary();
    Map<String, ParquetWriter<GenericRecord>> writers = new HashMap<>();
    Map<String, int[]> counts = new HashMap<>();
    GenericRecord reuse = null;
    for (byte[] bytes : encoded) {
      reuse = binary.decode(bytes, reuse);
      String region = reuse.get("regionCode").toString();
      int[] count = counts.computeIfAbsent(region, r -> new int[2]);
      ParquetWriter<GenericRecord> writer = writers.get(region);
      if (writer == null || count[0] == ROWS_PER_STAGED_FILE) {
        if (writer != null) {
          writer.close();
        }
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(
            StorageLayout.stagingPartition(storage.root(), region, DAY), "part-" + count[1]++ + ".parquet");
        writer = AvroParquetWriter.<GenericRecord>builder(HadoopOutputFile.fromPath(file, storage.conf()))
            .withSchema(RecordBinary.SCHEMA).withDataModel(GenericData.get())
            .withCompressionCodec(CompressionCodecName.SNAPPY).build();
        writers.put(region, writer);
        count[0] = 0;
      }
      writer.write(reuse);
      count[0]++;
    }
    for (ParquetWriter<GenericRecord> writer : writers.values()) {
      writer.close();
    }
    long bytes = 0;
    for (String region : counts.keySet()) {
      for (var status : new StagingScan(storage).stagedFiles(region, DAY)) {
        bytes += status.getLen();
      }
    }
    return bytes;
  }

  private static long baseline(ArchiveStorage storage, List<byte[]> encoded, Path file) throws IOException {
    RecordBinary binary = new RecordBinary();
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
    GenericRecord reuse = null;
    try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
            HadoopOutputFile.fromPath(path, storage.conf()))
        .withSchema(RecordBinary.SCHEMA).withDataModel(GenericData.get())
        .withCompressionCodec(CompressionCodecName.ZSTD).build()) {
      for (byte[] bytes : encoded) {
        reuse = binary.decode(bytes, reuse);
        writer.write(reuse);
      }
    }
    return Files.size(file);
  }

  /**
   * The plain writer on every core at once, each writing its share of the rows into a file of its
   * own: the most rows per second any Parquet writer of this schema gets from this machine, sorting
   * and verification aside, so a target above it is a target for other hardware.
   */
  private static void ceiling(ArchiveStorage storage, List<byte[]> encoded, Path dir) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CORES);
    try {
      List<Future<Long>> writers = new ArrayList<>();
      for (int core = 0; core < CORES; core++) {
        List<byte[]> share = encoded.subList(encoded.size() * core / CORES, encoded.size() * (core + 1) / CORES);
        Path file = dir.resolve("ceiling-" + core + ".parquet");
        writers.add(pool.submit(() -> baseline(storage, share, file)));
      }
      for (Future<Long> writer : writers) {
        writer.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Every region of the day, partitions in parallel like the compact job's partitioned step. */
  private static List<CompactionResult> compact(ArchiveStorage storage, int threads, AtomicLong cpuNanos) throws Exception {
    PartitionCompactor compactor = new PartitionCompactor(storage, new CompactSettings(128L << 20,
        new ConsentParquet.ParquetSettings(64L << 20, 1 << 20, 0.01), 3, 2L << 30, java.time.Duration.ZERO),
        line -> {
          if (System.getProperty("bench.verbose") != null) {
            System.out.println("  " + line);
          }
        });
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<CompactionResult>> futures = new ArrayList<>();
      for (String region : new StagingScan(storage).regionsToCompact(DAY, null)) {
        futures.add(pool.submit(() -> {
          long cpu = CPU.getCurrentThreadCpuTime();
          try {
            return compactor.compact(region, DAY);
          } finally {
            cpuNanos.addAndGet(CPU.getCurrentThreadCpuTime() - cpu);
          }
        }));
      }
      List<CompactionResult> results = new ArrayList<>();
      for (Future<CompactionResult> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "null";
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
