package org.qianhe.search.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.qianhe.search.query.TraceCursor;
import org.qianhe.search.query.TraceSort;

class TracePageJsonTest {

  @Test
  void copiesTheShownSourcesAndPointsTheCursorAtTheLastShownHit() throws Exception {
    TracePageJson page = read("""
        {"hits":{"total":{"value":3},"hits":[
          {"_source":{"consentId":"c-1","doseNumber":1,"child":{"key":"k","nameMasked":"王**"}},"sort":[1704067200000,"c-1"]},
          {"_source":{"consentId":"c-2","ocrConfidence":0.5},"sort":[1704067200001,"c-2"]},
          {"_source":{"consentId":"c-3"},"sort":[1704067200002,"c-3"]}]}}""", 2);

    String next = new TraceCursor(TraceSort.DEFAULT, "1704067200001", "c-2").encode();
    assertThat(page.total()).isEqualTo(3);
    assertThat(new String(page.json(), StandardCharsets.UTF_8)).isEqualTo("{\"total\":3,\"results\":["
        + "{\"consentId\":\"c-1\",\"doseNumber\":1,\"child\":{\"key\":\"k\",\"nameMasked\":\"王**\"}},"
        + "{\"consentId\":\"c-2\",\"ocrConfidence\":0.5}],\"next\":\"" + next + "\"}");
  }

  @Test
  void theLastPageHasNoNext() throws Exception {
    TracePageJson page = read("""
        {"hits":{"total":{"value":1},"hits":[{"_source":{"consentId":"c-1"},"sort":["410102001","c-1"]}]}}""", 2);

    assertThat(new String(page.json(), StandardCharsets.UTF_8))
        .isEqualTo("{\"total\":1,\"results\":[{\"consentId\":\"c-1\"}],\"next\":null}");
  }

  @Test
  void noHitIsAnEmptyPage() throws Exception {
    assertThat(new String(read("{\"hits\":{\"total\":{\"value\":0}}}", 100).json(), StandardCharsets.UTF_8))
        .isEqualTo("{\"total\":0,\"results\":[],\"next\":null}");
    assertThat(new String(read("{\"hits\":{\"total\":{\"value\":0},\"hits\":[]}}", 100).json(), StandardCharsets.UTF_8))
        .isEqualTo("{\"total\":0,\"results\":[],\"next\":null}");
  }

  private static TracePageJson read(String answer, int size) throws java.io.IOException {
    return TracePageJson.read(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)), size, TraceSort.DEFAULT);
  }
}
