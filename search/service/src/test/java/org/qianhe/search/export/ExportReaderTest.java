package org.qianhe.search.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.DateRangeQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ExportReaderTest {

  private static final Query CRITERIA = Query.of(q -> q.term(t -> t.field("regionCode").value("410102")));

  @Test
  void theSpanIsCutIntoConsecutivePeriodsOpenAtBothEnds() {
    List<Query> periods = ExportReader.periods(CRITERIA, 1000.0, 1999.0, 40_000, 5000);

    assertThat(periods).hasSize(4);
    assertThat(periods).allSatisfy(p -> assertThat(p.bool().filter().get(0)).isSameAs(CRITERIA));
    assertThat(periods.stream().map(ExportReaderTest::range).map(r -> r.gte() + ".." + r.lt()))
        .containsExactly("null..1250", "1250..1500", "1500..1750", "1750..null");
  }

  @Test
  void smallOrEmptyExportsAreOneWalk() {
    assertThat(ExportReader.periods(CRITERIA, 1000.0, 1999.0, 9_999, 5000)).containsExactly(CRITERIA);
    assertThat(ExportReader.periods(CRITERIA, null, null, 0, 5000)).containsExactly(CRITERIA);
    assertThat(ExportReader.periods(CRITERIA, 1000.0, 1000.0, 50_000, 5000)).containsExactly(CRITERIA);
  }

  @Test
  void batchesComeOutPeriodByPeriodInOrderWhateverTheReadersDo() throws Exception {
    List<Query> periods = List.of(query("a"), query("b"), query("c"));
    // period a has 3 full batches and a short one, b one short batch, c two full batches and an empty answer
    Map<Query, Integer> fullBatches = Map.of(periods.get(0), 3, periods.get(1), 0, periods.get(2), 2);
    Map<Query, Integer> served = new ConcurrentHashMap<>();
    List<String> seen = new ArrayList<>();
    try (ExportReader reader = new ExportReader(periods, 2, 2, (period, after) -> {
      int n = served.merge(period, 1, Integer::sum);
      String name = period.term().value().stringValue();
      assertThat(after == null).isEqualTo(n == 1);
      if (n <= fullBatches.get(period)) {
        return batch(name + n, name + n + "'");
      }
      return name.equals("c") ? batch() : batch(name + n);
    })) {
      ExportBatch batch;
      while ((batch = reader.next()) != null) {
        seen.addAll(List.of(new String(batch.csv(), StandardCharsets.UTF_8).split("\r\n")));
      }
    }

    assertThat(seen).containsExactly("a1", "a1'", "a2", "a2'", "a3", "a3'", "a4", "b1", "c1", "c1'", "c2", "c2'");
  }

  @Test
  void aFailedRequestIsThrownWhenTheWriterReachesItsPeriod() throws Exception {
    List<Query> periods = List.of(query("a"), query("b"));
    try (ExportReader reader = new ExportReader(periods, 2, 2, (period, after) -> {
      if (period == periods.get(1)) {
        throw new IllegalStateException("search refused");
      }
      return batch("a1");
    })) {
      assertThat(new String(reader.next().csv(), StandardCharsets.UTF_8)).isEqualTo("a1\r\n");
      assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class).hasMessage("search refused");
    }
  }

  private static Query query(String name) {
    return Query.of(q -> q.term(t -> t.field("name").value(name)));
  }

  private static DateRangeQuery range(Query period) {
    return period.bool().filter().get(1).range().date();
  }

  private static ExportBatch batch(String... ids) {
    StringBuilder csv = new StringBuilder();
    for (String id : ids) {
      csv.append(id).append("\r\n");
    }
    return new ExportBatch(csv.toString().getBytes(StandardCharsets.UTF_8), ids.length, List.of(FieldValue.of(ids.length)), null);
  }
}
