package org.qianhe.search.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qianhe.model.Decision;
import org.qianhe.model.Source;
import org.qianhe.search.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

class TraceQueryTest {

  private static final TraceQuery.PageSizes PAGES = new TraceQuery.PageSizes(100, 1000);
  /** Stands in for the blind index: the key of an ID is visible in the test, never the ID in the criteria. */
  private static final TraceCriteria.BlindKeys KEYS = id -> "a".repeat(63) + id.charAt(17);
  private static final String CHILD_ID = "410102201801011232";

  @Test
  void aLotAloneIsARecallWithTheDefaultPageAndOrder() {
    TraceQuery query = get("lot=202503A017");

    assertThat(query.criteria().lot()).isEqualTo("202503A017");
    assertThat(query.criteria().vaccine()).isNull();
    assertThat(query.criteria().decision()).isNull();
    assertThat(query.sort()).isEqualTo(TraceSort.OCCURRED_AT);
    assertThat(query.size()).isEqualTo(100);
    assertThat(query.after()).isNull();
  }

  @Test
  void aRecallMayNameTheVaccineADecisionAndAPage() {
    String cursor = new TraceCursor(TraceSort.OCCURRED_AT, "1750000000000", "0d5f4a0e-4a44-4b7e-9a59-5a2f1c0b7d11").encode();

    TraceQuery query = get("lot=202503A017&vaccine=HepB&decision=DECLINED&size=1000&searchAfter=" + cursor);

    assertThat(query.criteria().vaccine()).isEqualTo("HepB");
    assertThat(query.criteria().decision()).isEqualTo(Decision.DECLINED);
    assertThat(query.size()).isEqualTo(1000);
    assertThat(query.after().sortValue()).isEqualTo(1_750_000_000_000L);
    assertThat(query.after().consentId()).isEqualTo("0d5f4a0e-4a44-4b7e-9a59-5a2f1c0b7d11");
  }

  @Test
  void criteriaCombine() {
    TraceCriteria c = get("site=410102001&terminal=T1&vaccine=HepB&source=PAPER_SCAN&region=4101"
        + "&from=2025-06-01&to=2025-06-30&decision=DECLINED&sort=-occurredAt").criteria();

    assertThat(c).isEqualTo(new TraceCriteria(null, "HepB", "410102001", "T1", "4101", null, null,
        LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30), Decision.DECLINED, Source.PAPER_SCAN));
    assertThat(c.summary()).isEqualTo("vaccine=HepB site=410102001 terminal=T1 region=4101 from=2025-06-01 "
        + "to=2025-06-30 decision=DECLINED source=PAPER_SCAN");
  }

  @Test
  void aPeriodCoversWholeDaysOnTheClinicCalendar() {
    TraceCriteria c = get("site=410102001&from=2025-06-01&to=2025-06-30").criteria();

    // midnight in Shanghai (UTC+8) is 16:00 UTC the day before; the last day is included
    assertThat(c.start()).isEqualTo(Instant.parse("2025-05-31T16:00:00Z"));
    assertThat(c.endExclusive()).isEqualTo(Instant.parse("2025-06-30T16:00:00Z"));
  }

  @Test
  void aChildsIdNumberBecomesItsKeyAndIsNotKept() {
    TraceCriteria c = post("childId=" + " 4101 0220 1801 0112 32".replace(" ", "%20")).criteria();

    assertThat(c.childKey()).isEqualTo("a".repeat(63) + "2");
    assertThat(c.summary()).isEqualTo("childKey=" + "a".repeat(63) + "2").doesNotContain(CHILD_ID);
  }

  @Test
  void aLowerCaseCheckCharacterIsNormalised() {
    TraceCriteria c = post("guardianId=41010219900307102x").criteria();

    assertThat(c.guardianKey()).endsWith("X");
  }

  @ParameterizedTest(name = "{0} -> 400 naming {1}")
  @CsvSource(delimiter = ';', value = {
      "'';                                            lot",
      "decision=DECLINED;                             lot",
      "source=TERMINAL&sort=-occurredAt;              lot",
      "lot=;                                          lot",
      "lot=%20%20;                                    lot",
      "lot=A&lot=B;                                   lot",
      "lot=A&from=2025-06-01;                         to",
      "site=S&to=2025-06-30;                          from",
      "site=S&from=2025-06-01;                        to",
      "site=S&from=2025-6-1&to=2025-06-30;            from",
      "site=S&from=2025-06-01&to=2025-06-31;          to",
      "site=S&from=2025-06-30&to=2025-06-01;          to",
      "lot=A&decision=declined;                       decision",
      "lot=A&source=FAX;                              source",
      "lot=A&region=41a;                              region",
      "lot=A&region=4101020;                          region",
      "lot=A&size=0;                                  size",
      "lot=A&size=1001;                               size",
      "lot=A&size=ten;                                size",
      "lot=A&sort=name;                               sort",
      "lot=A&searchAfter=not-a-cursor;                searchAfter",
      "lot=A&searchAfter=@@@.@@@.@@@;                 searchAfter",
      "lot=A&vacine=HepB;                             vacine",
      "childId=410102201801011232;                    childId",
      "childKey=ABC;                                  childKey",
  })
  void refusesBadGetParametersNamingTheParameter(String queryString, String parameter) {
    assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> get(queryString))
        .satisfies(e -> {
          assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
          assertThat(e.parameter()).isEqualTo(parameter);
          assertThat(e.getBody().getDetail()).startsWith(parameter + ": ").doesNotContain("410102");
        });
  }

  @ParameterizedTest(name = "{0} -> 400 naming {1}")
  @CsvSource(delimiter = ';', value = {
      "childId=410102201801011237;                             childId",
      "childId=4101022018010112;                               childId",
      "guardianId=ABCDEFGHIJKLMNOPQR;                          guardianId",
      "childId=410102201801011232&childKey=0000000000000000000000000000000000000000000000000000000000000000; childKey",
  })
  void refusesIdNumbersThatCannotBeValidWithoutRepeatingThem(String body, String parameter) {
    assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> post(body))
        .satisfies(e -> {
          assertThat(e.parameter()).isEqualTo(parameter);
          assertThat(e.getBody().getDetail()).doesNotContain("4101022018").doesNotContain("ABCDEFG");
        });
  }

  @Test
  void aCursorSurvivesItsRoundTripAndBelongsToItsSort() {
    TraceCursor cursor = new TraceCursor(TraceSort.SITE_DESC, "410102|001", "abc.def");

    assertThat(TraceCursor.decode(cursor.encode(), TraceSort.SITE_DESC)).isEqualTo(cursor);
    assertThatExceptionOfType(ProblemException.class)
        .isThrownBy(() -> TraceCursor.decode(cursor.encode(), TraceSort.OCCURRED_AT))
        .satisfies(e -> assertThat(e.parameter()).isEqualTo("searchAfter"));
  }

  private static TraceQuery get(String queryString) {
    return TraceQuery.parse(Params.of(params(queryString), TraceQuery.PARAMETERS), PAGES, null);
  }

  private static TraceQuery post(String body) {
    return TraceQuery.parse(Params.of(params(body), TraceQuery.POST_PARAMETERS), PAGES, KEYS);
  }

  private static MultiValueMap<String, String> params(String queryString) {
    MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
    UriComponentsBuilder.fromUriString("/v1/trace?" + queryString).build(true).getQueryParams()
        .forEach((name, values) -> values.forEach(v -> params.add(name,
            v == null ? "" : URLDecoder.decode(v, StandardCharsets.UTF_8))));
    params.remove("");
    return params;
  }
}
