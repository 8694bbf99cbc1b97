package org.qianhe.model.storage;

import java.time.Instant;
import java.time.LocalDate;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.validation.ConsentValidator;

/**
 * Where consent files live under a Hadoop FileSystem root (DESIGN.md section 7). Partitions are
 * Hive-style ({@code region=410105/date=2026-11-20}) so Spark, Trino and DuckDB prune them; the
 * date is the vaccination day in the clinics' time zone. Names starting with {@code .} or
 * {@code _} are in-progress or metadata files that readers of data skip.
 */
public final class StorageLayout {

  public static final String STAGING = "staging";
  public static final String ARCHIVE = "archive/consents";
  public static final String MANIFEST = "_manifest.json";

  private StorageLayout() {}

  public static LocalDate partitionDate(Instant occurredAt) {
    return occurredAt.atZone(ConsentValidator.CLINIC_ZONE).toLocalDate();
  }

  /** {@code region=<code>/date=<yyyy-MM-dd>} */
  public static String partition(String regionCode, LocalDate date) {
    return "region=" + regionCode + "/date=" + date;
  }

  public static String partition(ConsentRecord record) {
    return partition(record.getRegionCode(), partitionDate(record.getOccurredAt()));
  }

  public static String stagingPartition(String root, String regionCode, LocalDate date) {
    return join(root, STAGING) + "/" + partition(regionCode, date);
  }

  public static String archivePartition(String root, String regionCode, LocalDate date) {
    return join(root, ARCHIVE) + "/" + partition(regionCode, date);
  }

  /** Data files are named *.parquet and do not start with '.' or '_'. */
  public static boolean isDataFile(String fileName) {
    return fileName.endsWith(".parquet") && !fileName.startsWith(".") && !fileName.startsWith("_");
  }

  private static String join(String root, String child) {
    return root.endsWith("/") ? root + child : root + "/" + child;
  }
}
