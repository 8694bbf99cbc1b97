package org.qianhe.paper.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

  @TempDir
  Path batch;

  @Test
  void rowsAreFoundByFileAndPageWithTheirKeyedFieldsUnderTemplateNames() throws Exception {
    Path csv = write("""
        \uFEFFfile,box,page,form_id,lot_number,vaccination_date
        B01-0001.pdf,B01,1,410105001-000001,202403B017,2024-05-06
        B01-0001.pdf,B01,2,"410105001-000002",202403B018,2024-05-07
        """);

    Manifest manifest = Manifest.read(csv, batch);

    assertThat(manifest.size()).isEqualTo(2);
    ManifestEntry second = manifest.find("B01-0001.pdf", 2).orElseThrow();
    assertThat(second.box()).isEqualTo("B01");
    assertThat(second.keyed("formId")).contains("410105001-000002");
    assertThat(second.keyed("lotNumber")).contains("202403B018");
    assertThat(second.keyed("childName")).isEmpty();
    assertThat(manifest.find("B01-0001.pdf", 3)).isEmpty();
    assertThat(manifest.problems()).isEmpty();
  }

  @Test
  void badRowsAreLeftOutAndReportedByRowNumberWithoutStoppingTheRest() throws Exception {
    Path csv = write("""
        file,box,page,lot_number
        ../../etc/passwd,B01,1,X
        B01-0002.png,B01,one,X
        B01-0003.png,B01,1
        B01-0004.png,B01,1,202401A001
        B01-0004.png,B01,1,202401A999
        B01-0005.png,B01,1,202401A005
        """);

    Manifest manifest = Manifest.read(csv, batch);

    assertThat(manifest.size()).isEqualTo(2);
    assertThat(manifest.find("B01-0004.png", 1).orElseThrow().keyed("lotNumber")).contains("202401A001");
    assertThat(manifest.problems()).containsExactly("row 2: PATH_TRAVERSAL", "row 3: page is not a number",
        "row 4: 3 cells, header has 4", "row 6: the page is listed twice; the first row is kept");
    assertThat(String.join(" ", manifest.problems())).doesNotContain("202401A999");
  }

  @Test
  void aBatchWithoutManifestHasAnEmptyOne() throws Exception {
    assertThat(Manifest.read(batch.resolve("manifest.csv"), batch).size()).isZero();
  }

  @Test
  void columnNamesBecomeTemplateFieldNames() {
    assertThat(Manifest.camelCase("vaccination_date")).isEqualTo("vaccinationDate");
    assertThat(Manifest.camelCase("Form-ID")).isEqualTo("formId");
  }

  private Path write(String text) throws Exception {
    Path csv = batch.resolve("manifest.csv");
    Files.writeString(csv, text);
    return csv;
  }
}
