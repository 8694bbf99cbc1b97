package org.qianhe.batch.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.batch.ArchiveContent;
import org.qianhe.batch.StagingFixture;
import org.qianhe.batch.archive.ArchiveStorage;
import org.qianhe.batch.archive.ConsentParquet;
import org.qianhe.batch.archive.Digests;
import org.qianhe.batch.archive.Manifest;
import org.qianhe.batch.archive.ManifestJson;
import org.qianhe.batch.archive.MerkleTree;
import org.qianhe.batch.archive.PartitionManifests;
import org.qianhe.batch.archive.RecordBinary;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.storage.StorageLayout;

class PartitionCompactorTest {

  static final String REGION = "410105";
  static final LocalDate DAY = LocalDate.parse("2026-11-20");

  @TempDir java.nio.file.Path dir;

  ArchiveStorage storage(String name) {
    return ArchiveStorage.open(dir.resolve(name).toUri().toString(), Map.of());
  }

  static PartitionCompactor compactor(ArchiveStorage storage, long targetFileBytes) {
    return StagingFixture.compactor(storage, targetFileBytes);
  }

  @Test
  void mergesDeduplicatesSortsAndWritesAVerifiableManifest() throws IOException {
    ArchiveStorage storage = storage("a");
    List<ConsentRecord> records = new StagingFixture(1).records(REGION, DAY, 300);
    StagingFixture.stage(storage, REGION, DAY, "part-a.parquet", records.subList(0, 200));
    // a replayed file: 50 records again, plus 100 new ones
    List<ConsentRecord> second = new ArrayList<>(records.subList(150, 300));
    StagingFixture.stage(storage, REGION, DAY, "part-b.parquet", second);
    StagingFixture.stage(storage, REGION, DAY, ".part-c.inprogress.parquet", records.subList(0, 10));

    CompactionResult result = compactor(storage, 64 * 1024).compact(REGION, DAY);

    assertThat(result.stagedRows()).isEqualTo(350);
    assertThat(result.duplicates()).isEqualTo(50);
    assertThat(result.rows()).isEqualTo(300);
    assertThat(result.files()).isGreaterThan(1);
    ArchiveContent archive = new ArchiveContent(storage);
    Path partition = archive.partition(REGION, DAY);
    List<GenericRecord> rows = archive.rows(partition);
    assertThat(rows).extracting(r -> r.get("consentId").toString())
        .containsExactlyInAnyOrderElementsOf(records.stream().map(ConsentRecord::getConsentId).toList());
    assertThat(rows).isSortedAccordingTo(Comparator
        .comparing((GenericRecord r) -> r.get("siteCode").toString())
        .thenComparing(r -> ((GenericRecord) r.get("vaccination")).get("vaccineCode").toString())
        .thenComparing(r -> ((GenericRecord) r.get("vaccination")).get("lotNumber").toString())
        .thenComparing(r -> (Long) r.get("occurredAt")));

    Manifest manifest = PartitionManifests.read(storage, partition).orElseThrow();
    assertThat(manifest.rows()).isEqualTo(300);
    assertThat(manifest.files()).hasSize(result.files());
    assertThat(manifest.files().stream().mapToLong(Manifest.File::rows).sum()).isEqualTo(300);
    RecordBinary binary = new RecordBinary();
    MerkleTree merkle = new MerkleTree();
    rows.forEach(r -> merkle.add(binary.digest(binary.encode(r))));
    assertThat(manifest.merkleRoot()).isEqualTo(Digests.hex(merkle.root()));
    for (Manifest.File file : manifest.files()) {
      assertThat(Digests.hex(storage.sha256(new Path(partition, file.name())))).isEqualTo(file.sha256());
    }
    assertThat(manifest.minOccurredAt()).isEqualTo(rows.stream().map(r -> (Long) r.get("occurredAt"))
        .min(Long::compare).map(java.time.Instant::ofEpochMilli).orElseThrow().toString());

    // staged files retired, the in-progress one left alone, nothing but the committed partition visible
    assertThat(new StagingScan(storage).stagedFiles(REGION, DAY)).isEmpty();
    assertThat(storage.list(new Path(StorageLayout.stagingPartition(storage.root(), REGION, DAY))))
        .extracting(s -> s.getPath().getName()).containsExactly(".part-c.inprogress.parquet");
    assertThat(storage.list(partition.getParent())).extracting(s -> s.getPath().getName())
        .containsExactly("date=2026-11-20");
    assertThat(storage.list(partition)).extracting(s -> s.getPath().getName())
        .doesNotContain(ManifestJson.INPUTS).contains(StorageLayout.MANIFEST).noneMatch(n -> n.endsWith(".crc"));
  }

  @Test
  void writesZstdWithBloomFiltersOnLotAndChildKey() throws IOException {
    ArchiveStorage storage = storage("b");
    StagingFixture.stage(storage, REGION, DAY, "p.parquet", new StagingFixture(2).records(REGION, DAY, 100));
    compactor(storage, 1 << 30).compact(REGION, DAY);

    Path file = new Path(new ArchiveContent(storage).partition(REGION, DAY), "part-00000.parquet");
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, storage.conf()))) {
      BlockMetaData block = reader.getFooter().getBlocks().get(0);
      for (ColumnChunkMetaData column : block.getColumns()) {
        assertThat(column.getCodec()).isEqualTo(CompressionCodecName.ZSTD);
        String path = column.getPath().toDotString();
        if (path.equals(ConsentParquet.LOT_COLUMN) || path.equals(ConsentParquet.CHILD_KEY_COLUMN)) {
          assertThat(reader.readBloomFilter(column)).as(path).isNotNull();
          assertThat(column.getColumnIndexReference()).as(path).isNotNull();
        }
      }
    }
  }

  @Test
  void lateRecordIsMergedIntoTheCompactedPartition() throws IOException {
    ArchiveStorage storage = storage("c");
    StagingFixture fixture = new StagingFixture(3);
    List<ConsentRecord> first = fixture.records(REGION, DAY, 80);
    StagingFixture.stage(storage, REGION, DAY, "p1.parquet", first);
    compactor(storage, 1 << 30).compact(REGION, DAY);

    List<ConsentRecord> late = fixture.records(REGION, DAY, 1);
    StagingFixture.stage(storage, REGION, DAY, "p2.parquet", late);
    CompactionResult result = compactor(storage, 1 << 30).compact(REGION, DAY);

    assertThat(result.archivedRows()).isEqualTo(80);
    assertThat(result.rows()).isEqualTo(81);
    assertThat(new ArchiveContent(storage).consentIds(new ArchiveContent(storage).partition(REGION, DAY)))
        .hasSize(81).contains(late.get(0).getConsentId());
  }

  @Test
  void sameRecordsGiveByteIdenticalPartitionsWhateverTheStagedFiles() throws IOException {
    List<ConsentRecord> records = new StagingFixture(4).records(REGION, DAY, 250);
    ArchiveStorage one = storage("one");
    StagingFixture.stage(one, REGION, DAY, "x.parquet", records);
    compactor(one, 32 * 1024).compact(REGION, DAY);
    Map<String, String> first = new ArchiveContent(one).fileDigests(new ArchiveContent(one).partition(REGION, DAY));

    ArchiveStorage two = storage("two");
    StagingFixture.stage(two, REGION, DAY, "y.parquet", records.subList(100, 250));
    StagingFixture.stage(two, REGION, DAY, "z.parquet", records.subList(0, 120));
    compactor(two, 32 * 1024).compact(REGION, DAY);
    // and the same files delivered again, merged with the partition they are already in
    StagingFixture.stage(two, REGION, DAY, "y-again.parquet", records.subList(100, 250));
    CompactionResult again = compactor(two, 32 * 1024).compact(REGION, DAY);

    assertThat(again.duplicates()).isEqualTo(150);
    assertThat(new ArchiveContent(two).fileDigests(new ArchiveContent(two).partition(REGION, DAY)))
        .isEqualTo(first).containsKey("part-00001.parquet");
  }

  @Test
  void refusesToCompactOverADamagedPartition() throws IOException {
    ArchiveStorage storage = storage("d");
    StagingFixture fixture = new StagingFixture(5);
    StagingFixture.stage(storage, REGION, DAY, "p1.parquet", fixture.records(REGION, DAY, 40));
    compactor(storage, 1 << 30).compact(REGION, DAY);
    java.nio.file.Path file = dir.resolve("d/archive/consents/region=410105/date=2026-11-20/part-00000.parquet");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    Path staged = StagingFixture.stage(storage, REGION, DAY, "p2.parquet", fixture.records(REGION, DAY, 1));

    assertThatThrownBy(() -> compactor(storage, 1 << 30).compact(REGION, DAY))
        .hasMessageContaining("fails its manifest").hasMessageContaining("part-00000.parquet");
    assertThat(storage.exists(staged)).isTrue();
  }

  @Test
  void refusesAStagedFileWithRecordsOfAnotherDay() throws IOException {
    ArchiveStorage storage = storage("e");
    StagingFixture.stage(storage, REGION, DAY, "p.parquet", new StagingFixture(6).records(REGION, DAY.plusDays(1), 3));

    assertThatThrownBy(() -> compactor(storage, 1 << 30).compact(REGION, DAY))
        .hasMessageContaining("3 records of another region or day");
    assertThat(new ArchiveContent(storage).partitions()).isEmpty();
  }
}
