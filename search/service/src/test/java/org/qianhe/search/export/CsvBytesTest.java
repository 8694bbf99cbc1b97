package org.qianhe.search.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.FieldValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvBytesTest {

  @Test
  void quotesOnlyWhatNeedsQuotingAndEndsLinesInCrlf() {
    assertThat(row("plain", "a,b", "say \"hi\"", "two\nlines", "", "梁**", "𠀋x"))
        .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,梁**,𠀋x\r\n");
  }

  @Test
  void textThatASpreadsheetWouldRunAsAFormulaIsDefused() {
    assertThat(row("=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "梁**"))
        .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),梁**\r\n");
  }

  @Test
  void columnsFollowNestedPathsInColumnOrderAndLeaveAbsentFieldsEmpty() {
    ExportBatch batch = batch("""
        {"pit_id":"p2","hits":{"hits":[
          {"_source":{"consentId":"c-1","doseNumber":2,"biometricConsent":false,"warningCodes":["W1"],
                      "paper":{"page":3},"child":{"nameMasked":"王**","key":"k1"},"decision":"=1+1"},
           "sort":[1704067200000,7]},
          {"_source":{"consentId":"c-2"},"sort":[1704067200001,"x"]}]}}""");

    assertThat(batch.pitId()).isEqualTo("p2");
    assertThat(batch.rows()).isEqualTo(2);
    String[] lines = new String(batch.csv(), StandardCharsets.UTF_8).split("\r\n", -1);
    assertThat(lines).hasSize(3);
    List<String> first = List.of(lines[0].split(",", -1));
    assertThat(first).hasSize(CsvColumns.PATHS.size());
    assertThat(first.get(CsvColumns.column("consentId"))).isEqualTo("c-1");
    assertThat(first.get(CsvColumns.column("doseNumber"))).isEqualTo("2");
    assertThat(first.get(CsvColumns.column("biometricConsent"))).isEqualTo("false");
    assertThat(first.get(CsvColumns.column("decision"))).isEqualTo("'=1+1");
    assertThat(first.get(CsvColumns.column("child.key"))).isEqualTo("k1");
    assertThat(first.get(CsvColumns.column("child.nameMasked"))).isEqualTo("王**");
    assertThat(first.get(CsvColumns.column("guardian.key"))).isEmpty();
    assertThat(lines[1]).startsWith("c-2,").matches("c-2,+");
    assertThat(batch.lastSort()).extracting(FieldValue::_get).containsExactly(1704067200001L, "x");
  }

  @Test
  void anAnswerWithoutHitsIsAnEmptyBatch() {
    ExportBatch batch = batch("{\"pit_id\":\"p\"}");

    assertThat(batch.rows()).isZero();
    assertThat(batch.csv()).isEmpty();
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

  private static String row(String... values) {
    CsvBytes out = new CsvBytes(16);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.comma();
      }
      out.text(values[i]);
    }
    out.endRow();
    return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
  }
}
