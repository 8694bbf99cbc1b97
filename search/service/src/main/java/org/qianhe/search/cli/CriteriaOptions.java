package org.qianhe.search.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The trace criteria as options; a child or guardian by ID number makes the request a POST (never a URL). */
class CriteriaOptions {

  @Option(names = "--lot", description = "vaccine lot number (recall)") String lot;
  @Option(names = "--vaccine", description = "vaccine code, e.g. HepB") String vaccine;
  @Option(names = "--site", description = "vaccination site code") String site;
  @Option(names = "--terminal", description = "terminal id") String terminal;
  @Option(names = "--region", description = "region-code prefix within your scope, e.g. 4101") String region;
  @Option(names = "--child-id", description = "child's citizen ID number (sent in the request body only)") String childId;
  @Option(names = "--guardian-id", description = "guardian's citizen ID number (sent in the request body only)") String guardianId;
  @Option(names = "--child-key", description = "child's blind-index key") String childKey;
  @Option(names = "--guardian-key", description = "guardian's blind-index key") String guardianKey;
  @Option(names = "--from", description = "first clinic day, YYYY-MM-DD (with --to)") String from;
  @Option(names = "--to", description = "last clinic day, YYYY-MM-DD (with --from)") String to;
  @Option(names = "--decision", description = "CONSENTED, DECLINED or DEFERRED") String decision;
  @Option(names = "--source", description = "TERMINAL or PAPER_SCAN") String source;

  Map<String, String> params() {
    Map<String, String> p = new LinkedHashMap<>();
    put(p, "lot", lot);
    put(p, "vaccine", vaccine);
    put(p, "site", site);
    put(p, "terminal", terminal);
    put(p, "region", region);
    put(p, "childId", childId);
    put(p, "guardianId", guardianId);
    put(p, "childKey", childKey);
    put(p, "guardianKey", guardianKey);
    put(p, "from", from);
    put(p, "to", to);
    put(p, "decision", decision);
    put(p, "source", source);
    return p;
  }

  boolean byIdNumber() {
    return childId != null || guardianId != null;
  }

  private static void put(Map<String, String> p, String name, String value) {
    if (value != null) {
      p.put(name, value);
    }
  }
}
