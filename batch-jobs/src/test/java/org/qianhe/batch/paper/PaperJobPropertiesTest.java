package org.qianhe.batch.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class PaperJobPropertiesTest {

  static PaperJobProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("qianhe.batch.paper", PaperJobProperties.class);
  }

  @Test
  void defaultsPointAtTheSharedDataDirectoryAndTheSearchServicesEmbeddedDatabase() {
    PaperJobProperties properties = bind(Map.of("qianhe.batch.paper.data-dir", "/var/lib/qianhe"));

    assertThat(properties.threads()).isEqualTo(2);
    assertThat(properties.keyFilePath()).isEqualTo(Path.of("/var/lib/qianhe/keys/ingest-keys.properties"));
    assertThat(properties.reviewDbUrl())
        .isEqualTo("jdbc:h2:file:/var/lib/qianhe/qianhe;MODE=PostgreSQL;AUTO_SERVER=TRUE;WRITE_DELAY=0");
    assertThat(properties.defaultEvidenceRoot()).isEqualTo("file:///var/lib/qianhe/evidence");
    assertThat(properties.defaultEvidenceKeystore()).isEqualTo(Path.of("/var/lib/qianhe/keys/evidence-keys.p12"));
  }

  @Test
  void explicitSettingsWin() {
    PaperJobProperties properties = bind(Map.of("qianhe.batch.paper.review-db.url", "jdbc:postgresql://db:5432/qianhe",
        "qianhe.batch.paper.key-file", "/etc/qianhe/ingest-keys.properties", "qianhe.batch.paper.threads", "4"));

    assertThat(properties.reviewDbUrl()).isEqualTo("jdbc:postgresql://db:5432/qianhe");
    assertThat(properties.keyFilePath()).isEqualTo(Path.of("/etc/qianhe/ingest-keys.properties"));
    assertThat(properties.threads()).isEqualTo(4);
    assertThat(properties.reviewDb().toString()).doesNotContain("password");
  }

  @Test
  void rejectsAnAbsurdThreadCountNamingTheKey() {
    assertThatThrownBy(() -> bind(Map.of("qianhe.batch.paper.threads", "0"))).isInstanceOf(BindException.class)
        .rootCause().hasMessageContaining("qianhe.batch.paper.threads must be 1..64");
  }

  @Test
  void everyKeyIsDescribedInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    List<String> keys = new ArrayList<>();
    collect("qianhe.batch.paper", PaperJobProperties.class, keys);
    assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(readme).contains("`" + key + "`"));
  }

  private static void collect(String prefix, Class<?> type, List<String> keys) {
    for (RecordComponent component : type.getRecordComponents()) {
      String key = prefix + "." + component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
      if (component.getType().isRecord()) {
        collect(key, component.getType(), keys);
      } else {
        keys.add(key);
      }
    }
  }
}
