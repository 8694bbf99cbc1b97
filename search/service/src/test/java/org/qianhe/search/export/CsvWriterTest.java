package org.qianhe.search.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    List<Object> row = CsvColumns.values(Map.of("consentId", "c-1", "child", Map.of("key", "k1", "nameMasked", "王**")));

    assertThat(row).hasSize(CsvColumns.PATHS.size());
    assertThat(row.get(CsvColumns.PATHS.indexOf("consentId"))).isEqualTo("c-1");
    assertThat(row.get(CsvColumns.PATHS.indexOf("child.nameMasked"))).isEqualTo("王**");
    assertThat(row.get(CsvColumns.PATHS.indexOf("guardian.key"))).isNull();
  }

  @Test
  void neverExportsTheSealedIdentityOrDetailOnlyFields() {
    assertThat(CsvColumns.PATHS).noneMatch(p -> p.startsWith("identitySealed") || p.startsWith("screening")
        || p.startsWith("evidence") || p.startsWith("signature") || p.equals("noticeDigest"));
  }

  private static String csv(List<?> values) throws IOException {
    StringWriter out = new StringWriter();
    new CsvWriter(out).row(values);
    return out.toString();
  }
}
