package org.qianhe.search.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qianhe.model.Decision;
import org.qianhe.search.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

class TraceQueryTest {

  private static final TraceQuery.PageSizes PAGES = new TraceQuery.PageSizes(100, 1000);

  @Test
  void aLotAloneIsARecallWithTheDefaultPage() {
    TraceQuery query = parse("lot=202503A017");

    assertThat(query.criteria()).isEqualTo(new TraceQuery.ByLot("202503A017", null));
    assertThat(query.decision()).isNull();
    assertThat(query.size()).isEqualTo(100);
    assertThat(query.after()).isNull();
  }

  @Test
  void aRecallMayNameTheVaccineADecisionAndAPage() {
    String cursor = new TraceCursor(1_750_000_000_000L, "0d5f4a0e-4a44-4b7e-9a59-5a2f1c0b7d11").encode();

    TraceQuery query = parse("lot=202503A017&vaccine=HepB&decision=DECLINED&size=1000&searchAfter=" + cursor);

    assertThat(query.criteria()).isEqualTo(new TraceQuery.ByLot("202503A017", "HepB"));
    assertThat(query.decision()).isEqualTo(Decision.DECLINED);
    assertThat(query.size()).isEqualTo(1000);
    assertThat(query.after()).isEqualTo(new TraceCursor(1_750_000_000_000L, "0d5f4a0e-4a44-4b7e-9a59-5a2f1c0b7d11"));
  }

  @Test
  void aSitePeriodCoversWholeDaysOnTheClinicCalendar() {
    TraceQuery query = parse("site=410102001&from=2025-06-01&to=2025-06-30");

    TraceQuery.BySitePeriod period = (TraceQuery.BySitePeriod) query.criteria();
    assertThat(period.from()).isEqualTo(LocalDate.of(2025, 6, 1));
    // midnight in Shanghai (UTC+8) is 16:00 UTC the day before; the last day is included
    assertThat(period.start()).isEqualTo(Instant.parse("2025-05-31T16:00:00Z"));
    assertThat(period.endExclusive()).isEqualTo(Instant.parse("2025-06-30T16:00:00Z"));
  }

  @Test
  void aSingleDayIsAllowed() {
    TraceQuery.BySitePeriod period = (TraceQuery.BySitePeriod) parse("site=S&from=2025-06-16&to=2025-06-16").criteria();

    assertThat(period.start()).isEqualTo(Instant.parse("2025-06-15T16:00:00Z"));
    assertThat(period.endExclusive()).isEqualTo(Instant.parse("2025-06-16T16:00:00Z"));
  }

  @ParameterizedTest(name = "{0} -> 400 naming {1}")
  @CsvSource(delimiter = ';', value = {
      "'';                                            lot",
      "decision=DECLINED;                             lot",
      "lot=;                                          lot",
      "lot=%20%20;                                    lot",
      "lot=A&lot=B;                                   lot",
      "lot=A&site=S;                                  site",
      "lot=A&from=2025-06-01;                         from",
      "site=S&vaccine=HepB&from=2025-06-01&to=2025-06-02; vaccine",
      "site=S&to=2025-06-30;                          from",
      "site=S&from=2025-06-01;                        to",
      "site=S&from=2025-6-1&to=2025-06-30;            from",
      "site=S&from=2025-06-01&to=2025-06-31;          to",
      "site=S&from=2025-06-30&to=2025-06-01;          to",
      "lot=A&decision=declined;                       decision",
      "lot=A&size=0;                                  size",
      "lot=A&size=1001;                               size",
      "lot=A&size=ten;                                size",
      "lot=A&searchAfter=not-a-cursor;                searchAfter",
      "lot=A&searchAfter=@@@;                         searchAfter",
      "lot=A&vacine=HepB;                             vacine",
  })
  void refusesBadParametersNamingTheParameter(String queryString, String parameter) {
    assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> parse(queryString))
        .satisfies(e -> {
          assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
          assertThat(e.parameter()).isEqualTo(parameter);
          assertThat(e.getBody().getDetail()).startsWith(parameter + ": ");
        });
  }

  @Test
  void aCursorSurvivesItsRoundTrip() {
    TraceCursor cursor = new TraceCursor(-5L, "abc|def");

    assertThat(TraceCursor.decode(cursor.encode())).isEqualTo(cursor);
  }

  private static TraceQuery parse(String queryString) {
    MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
    UriComponentsBuilder.fromUriString("/v1/trace?" + queryString).build(true).getQueryParams()
        .forEach((name, values) -> values.forEach(v -> params.add(name,
            v == null ? "" : java.net.URLDecoder.decode(v, java.nio.charset.StandardCharsets.UTF_8))));
    params.remove("");
    return TraceQuery.parse(params, PAGES);
  }
}
