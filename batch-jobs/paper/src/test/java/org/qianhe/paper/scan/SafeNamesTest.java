package org.qianhe.paper.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeNamesTest {

  @TempDir
  Path batch;

  @ParameterizedTest
  @ValueSource(strings = {"../secret.pdf", "box/../../secret.pdf", "/etc/passwd", "~/x.pdf", "a//b.pdf", "./a.pdf",
      "box\\..\\x.pdf", "C:x.pdf", "a\nforged log line.pdf", "a\u0000.pdf", ""})
  void namesThatLeaveTheBatchFolderAreRejected(String name) {
    assertThatThrownBy(() -> SafeNames.resolve(batch, name))
        .isInstanceOfSatisfying(ScanRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PATH_TRAVERSAL));
  }

  @Test
  void aLinkToOutsideTheBatchIsRejected() throws Exception {
    Path outside = Files.createTempFile("outside", ".pdf");
    try {
      Files.createSymbolicLink(batch.resolve("link.pdf"), outside);

      assertThatThrownBy(() -> SafeNames.resolve(batch, "link.pdf"))
          .isInstanceOfSatisfying(ScanRejectedException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.PATH_TRAVERSAL));
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void plainNamesAndSubfoldersResolveInsideTheBatch() throws Exception {
    assertThat(SafeNames.resolve(batch, "B01/B01-0001.pdf")).isEqualTo(batch.toAbsolutePath().normalize().resolve("B01/B01-0001.pdf"));
    assertThat(SafeNames.resolve(batch, "scan 0001 (2).tif")).startsWithRaw(batch.toAbsolutePath().normalize());
  }

  @Test
  void namesArePrintedWithoutControlCharacters() {
    assertThat(SafeNames.forLog("a\nb\u001b[31m.pdf")).isEqualTo("a?b?[31m.pdf");
    assertThat(SafeNames.forLog("x".repeat(500))).hasSizeLessThan(200);
  }
}
