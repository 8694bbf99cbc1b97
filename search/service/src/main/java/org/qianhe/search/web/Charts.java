package org.qianhe.search.web;

import java.util.ArrayList;
import java.util.List;
import org.qianhe.search.trace.TraceStats;

/**
 * Bar charts of the aggregations, laid out here and drawn as inline SVG by the template: no
 * chart library, no script, and nothing the content security policy would block (sizes are SVG
 * attributes, not style attributes).
 */
public record Charts(Chart bySite, Chart byDay, Chart byVaccine) {

  static final int ROW = 18;
  static final int LABEL_WIDTH = 110;
  static final int BAR_WIDTH = 160;
  /** At most this many days are drawn (the last ones); the totals still count every day. */
  static final int MAX_DAYS = 60;

  /** A chart with the message key of its title, in the order the page shows them. */
  public record Panel(String titleKey, Chart chart) {}

  public record Bar(String label, long count, int y, int width) {}

  public record Chart(List<Bar> bars, int height) {}

  public List<Panel> panels() {
    return List.of(new Panel("search.chart.site", bySite), new Panel("search.chart.day", byDay),
        new Panel("search.chart.vaccine", byVaccine));
  }

  static Charts of(TraceStats stats) {
    List<TraceStats.Bucket> days = stats.byDay();
    if (days.size() > MAX_DAYS) {
      days = days.subList(days.size() - MAX_DAYS, days.size());
    }
    return new Charts(chart(stats.bySite()), chart(days), chart(stats.byVaccine()));
  }

  private static Chart chart(List<TraceStats.Bucket> buckets) {
    long max = Math.max(1, TraceStats.max(buckets));
    List<Bar> bars = new ArrayList<>(buckets.size());
    for (int i = 0; i < buckets.size(); i++) {
      TraceStats.Bucket b = buckets.get(i);
      bars.add(new Bar(b.key(), b.count(), i * ROW, (int) Math.max(1, b.count() * BAR_WIDTH / max)));
    }
    return new Chart(bars, Math.max(ROW, buckets.size() * ROW));
  }
}
