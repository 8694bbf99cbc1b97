package org.qianhe.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperConfigTest {

  @Test
  void defaultsAreValidAndMatchTheDocumentedValues() {
    PaperConfig config = PaperConfig.defaults();

    assertThat(config.textLanguages()).isEqualTo("chi_sim");
    assertThat(config.codeLanguages()).isEqualTo("eng");
    assertThat(config.renderDpi()).isEqualTo(300);
    assertThat(config.readDpi()).containsExactly(200, 160, 230);
    assertThat(config.pageTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.pageImage()).isEqualTo(PaperConfig.PageImageFormat.JPEG);
  }

  @Test
  void everyKeyHasADescriptionAndADefault() {
    for (PaperConfig.Key key : PaperConfig.Key.values()) {
      assertThat(key.description()).as(key.property()).isNotBlank();
      assertThat(key.defaultValue()).as(key.property()).isNotBlank();
      assertThat(key.property()).startsWith(PaperConfig.PREFIX);
    }
  }

  @Test
  void propertiesOverrideDefaultsAndOtherPrefixesAreIgnored() {
    PaperConfig config = PaperConfig.from(Map.of("qianhe.paper.ocr.engines", "3", "qianhe.paper.render-dpi", "400",
        "spring.datasource.url", "jdbc:h2:mem:x"));

    assertThat(config.engines()).isEqualTo(3);
    assertThat(config.renderDpi()).isEqualTo(400);
  }

  @Test
  void anUnknownKeyIsRefusedSoATypoIsNotSilentlyIgnored() {
    assertThatThrownBy(() -> PaperConfig.from(Map.of("qianhe.paper.render-dip", "300")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qianhe.paper.render-dip");
  }

  @Test
  void anInvalidValueNamesItsKey() {
    assertThatThrownBy(() -> PaperConfig.defaults().with(PaperConfig.Key.RENDER_DPI, 72))
        .hasMessageContaining("qianhe.paper.render-dpi");
    assertThatThrownBy(() -> PaperConfig.defaults().with(PaperConfig.Key.PAGE_TIMEOUT, "soon"))
        .hasMessageContaining("qianhe.paper.limits.page-timeout");
    assertThatThrownBy(() -> PaperConfig.defaults().with(PaperConfig.Key.CHECKBOX_EMPTY, 0.5))
        .hasMessageContaining("checkbox-empty");
  }
}
