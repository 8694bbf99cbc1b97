package org.qianhe.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class BatchJobsPropertiesTest {

  static BatchJobsProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("qianhe.batch", BatchJobsProperties.class);
  }

  @Test
  void defaultsAreUsableWithoutAnyConfiguration() {
    BatchJobsProperties properties = bind(Map.of());

    assertThat(properties.root()).isEqualTo("file:///var/tmp/qianhe");
    assertThat(properties.hadoop()).isEmpty();
    assertThat(properties.compact().targetFileSize()).isEqualTo(DataSize.ofMegabytes(128));
    assertThat(properties.compact().zstdLevel()).isEqualTo(3);
    assertThat(properties.compact().threads()).isEqualTo(2);
    assertThat(properties.compact().fileWriteDelay()).isZero();
  }

  @Test
  void bindsKebabCaseKeysAndHadoopPassThrough() {
    BatchJobsProperties properties = bind(Map.of("qianhe.batch.root", "hdfs://nn:8020/qianhe",
        "qianhe.batch.compact.target-file-size", "64MB", "qianhe.batch.hadoop.dfs.replication", "3"));

    assertThat(properties.root()).isEqualTo("hdfs://nn:8020/qianhe");
    assertThat(properties.compact().targetFileSize()).isEqualTo(DataSize.ofMegabytes(64));
    assertThat(properties.hadoop()).containsEntry("dfs.replication", "3");
  }

  @Test
  void rejectsAnInvalidValueNamingTheKey() {
    assertThatThrownBy(() -> bind(Map.of("qianhe.batch.compact.zstd-level", "30")))
        .isInstanceOf(BindException.class)
        .rootCause().hasMessageContaining("qianhe.batch.compact.zstd-level must be 1..22");
  }

  /** Every key is documented where operators look: the module README. */
  @Test
  void everyKeyIsDescribedInTheReadme() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    List<String> keys = new ArrayList<>();
    collect("qianhe.batch", BatchJobsProperties.class, keys);

    assertThat(keys).hasSizeGreaterThan(8);
    assertThat(keys).allSatisfy(key -> assertThat(readme).contains("`" + key + "`"));
  }

  private static void collect(String prefix, Class<?> type, List<String> keys) {
    for (RecordComponent component : type.getRecordComponents()) {
      String key = prefix + "." + component.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
      if (component.getType().isRecord()) {
        collect(key, component.getType(), keys);
      } else {
        keys.add(key);
      }
    }
  }
}
