package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartBodyTest {

  private static final String B = "b0undary";

  @Test
  void partsAreReadWithNamesFilenamesTypesAndExactBytes() {
    byte[] binary = {(byte) 0xFF, (byte) 0xD8, '\r', '\n', '-', '-', 'b', 0};
    byte[] body = concat("preamble ignored\r\n--" + B + "\r\nContent-Disposition: form-data; name=\"consent\"\r\n"
        + "Content-Type: application/json\r\n\r\n{\"a\":1}\r\n--" + B + "  \r\n"
        + "content-disposition: form-data; name=evidence; filename=\"fp \\\"1\\\"; x\"\r\nContent-Type: image/jpeg\r\n\r\n",
        binary, "\r\n--" + B + "--\r\nepilogue ignored");

    List<MultipartBody.Part> parts = MultipartBody.parse(body, B);

    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).name()).isEqualTo("consent");
    assertThat(new String(parts.get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(parts.get(1).name()).isEqualTo("evidence");
    assertThat(parts.get(1).filename()).isEqualTo("fp \"1\"; x");
    assertThat(parts.get(1).contentType()).isEqualTo("image/jpeg");
    assertThat(parts.get(1).bytes()).isEqualTo(binary);
  }

  @Test
  void anEmptyPartAndAPartWithoutContentTypeAreFine() {
    byte[] body = ("--" + B + "\r\nContent-Disposition: form-data; name=\"consent\"\r\n\r\n\r\n--" + B + "--").getBytes(StandardCharsets.US_ASCII);

    List<MultipartBody.Part> parts = MultipartBody.parse(body, B);

    assertThat(parts).singleElement().satisfies(p -> {
      assertThat(p.length()).isZero();
      assertThat(p.contentType()).isNull();
    });
  }

  @Test
  void malformedBodiesAreRefusedSayingWhy() {
    String ok = "--" + B + "\r\nContent-Disposition: form-data; name=\"consent\"\r\n\r\n{}\r\n--" + B + "--";
    assertRefused(ok, null, "boundary");
    assertRefused(ok, "x".repeat(71), "boundary");
    assertRefused("no delimiter at all", B, "does not start");
    assertRefused(ok.substring(0, ok.length() - 8), B, "not closed");
    assertRefused("--" + B + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + B + "--", B, "no Content-Disposition");
    assertRefused("--" + B + "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--" + B + "--", B, "not form-data");
    assertRefused("--" + B + "\r\nContent-Disposition: form-data\r\n\r\nx\r\n--" + B + "--", B, "no name");
    assertRefused("--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\nX: 1\r\nx: 2\r\n\r\nx\r\n--" + B + "--", B, "repeats");
    assertRefused("--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\nno colon\r\n\r\nx\r\n--" + B + "--", B, "malformed header");
    assertRefused("--" + B + "\r\nContent-Disposition: form-data; name=\"a\"\r\nX: " + "y".repeat(5000) + "\r\n\r\nx\r\n--" + B + "--",
        B, "end of headers");
    assertRefused("--" + B + "junk\r\n", B, "line break");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i <= MultipartBody.MAX_PARTS; i++) {
      many.append("--").append(B).append("\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\nx\r\n");
    }
    assertRefused(many + "--" + B + "--", B, "more than 16 parts");
  }

  private static void assertRefused(String body, String boundary, String reason) {
    assertThatThrownBy(() -> MultipartBody.parse(body.getBytes(StandardCharsets.UTF_8), boundary))
        .isInstanceOf(MultipartBody.MalformedMultipartException.class).hasMessageContaining(reason);
  }

  private static byte[] concat(String head, byte[] middle, String tail) {
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] t = tail.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[h.length + middle.length + t.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(middle, 0, all, h.length, middle.length);
    System.arraycopy(t, 0, all, h.length + middle.length, t.length);
    return all;
  }
}
