package org.qianhe.search.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

  @Test
  void quotesOnlyWhatNeedsQuotingAndEndsLinesInCrlf() throws IOException {
    assertThat(csv(Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", null, 3, true)))
        .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,3,true\r\n");
  }

  @Test
  void textThatASpreadsheetWouldRunAsAFormulaIsDefused() throws IOException {
    assertThat(csv(List.of("=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "梁**")))
        .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),梁**\r\n");
  }

  @Test
  void columnsFollowNestedPathsAndLeaveAbsentFieldsEmpty() {
    ExportBatch batch = batch("""
        {"pit_id":"p2","hits":{"hits":[
          {"_source":{"consentId":"c-1","doseNumber":2,"biometricConsent":false,"warningCodes":["W1"],
                      "paper":{"page":3},"child":{"key":"k1","nameMasked":"王**"}},"sort":[1704067200000,7]},
          {"_source":{"consentId":"c-2"},"sort":[1704067200001,"x"]}]}}""");

    assertThat(batch.pitId()).isEqualTo("p2");
    assertThat(batch.rows()).hasSize(2);
    Object[] row = batch.rows().get(0);
    assertThat(row).hasSize(CsvColumns.PATHS.size());
    assertThat(row[CsvColumns.PATHS.indexOf("consentId")]).isEqualTo("c-1");
    assertThat(row[CsvColumns.PATHS.indexOf("doseNumber")]).isEqualTo(2);
    assertThat(row[CsvColumns.PATHS.indexOf("biometricConsent")]).isEqualTo(false);
    assertThat(row[CsvColumns.PATHS.indexOf("child.nameMasked")]).isEqualTo("王**");
    assertThat(row[CsvColumns.PATHS.indexOf("guardian.key")]).isNull();
    assertThat(batch.rows().get(1)[0]).isEqualTo("c-2");
    assertThat(batch.lastSort()).extracting(FieldValue::_get).containsExactly(1704067200001L, "x");
  }

  @Test
  void anAnswerWithoutHitsIsAnEmptyBatch() {
    ExportBatch batch = batch("{\"pit_id\":\"p\"}");

    assertThat(batch.rows()).isEmpty();
    assertThat(batch.lastSort()).isNull();
  }

  @Test
  void anAnswerThatIsNoObjectIsRefused() {
    assertThatThrownBy(() -> batch("[]")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unexpected Elasticsearch answer");
  }

  @Test
  void neverExportsTheSealedIdentityOrDetailOnlyFields() {
    assertThat(CsvColumns.PATHS).noneMatch(p -> p.startsWith("identitySealed") || p.startsWith("screening")
        || p.startsWith("evidence") || p.startsWith("signature") || p.equals("noticeDigest"));
  }

  private static ExportBatch batch(String json) {
    return ExportBatch.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), 10);
  }

  private static String csv(List<?> values) throws IOException {
    StringWriter out = new StringWriter();
    new CsvWriter(out).row(values);
    return out.toString();
  }
}
