package org.qianhe.stream.dedup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.Decision;
import org.qianhe.model.Source;
import org.qianhe.stream.TestConsents;

/**
 * A labelled synthetic set for semantic deduplication: pairs of consent records that are the same
 * vaccination recorded twice (true duplicates) or two vaccinations that look alike (near-misses).
 * Built from the terminal simulator's realistic consents; seeded, so every run sees the same set.
 */
public final class LabelledPairs {

  /** How the second record of a pair relates to the first, and whether they are one vaccination. */
  public enum Kind {
    RETRY_UNDER_NEW_ID(true, "a terminal re-sent the consent under a new consentId, minutes later"),
    SECOND_TERMINAL(true, "a second terminal at the same site recorded the same injection"),
    LOT_TYPO(true, "recorded twice, once with a typo in the lot number (0/O, swapped digits)"),
    PAPER_SCAN_AFTER(true, "the paper form of a terminal-recorded vaccination, scanned later"),
    PAPER_SCAN_FIRST(true, "the paper form migrated before the terminal's upload arrived"),
    PAPER_DATED_NEXT_DAY(true, "a paper copy dated the next day by the clerk (missed by a same-day window)"),
    TWINS(false, "twins: same guardian, birth month, vaccine, dose, site and day, another child"),
    NAMESAKE(false, "another child with the same masked name and birth month, same vaccine and day"),
    NEXT_DOSE(false, "the same child's next dose of the vaccine, weeks later"),
    GIVEN_TOGETHER(false, "another vaccine given to the same child the same day"),
    DECLINED_THEN_CONSENTED(false, "the guardian declined, then consented later the same day"),
    RABIES_NEXT_INJECTION(false, "the next rabies post-exposure injection three days later, dose number not advanced"),
    OPV_REPEATED_SAME_DAY(false, "an oral dose spat out and given again the same day: two real doses (not separable by the key)");

    public final boolean duplicate;
    public final String description;

    Kind(boolean duplicate, String description) {
      this.duplicate = duplicate;
      this.description = description;
    }
  }

  public record Pair(Kind kind, ConsentRecord first, ConsentRecord second) {}

  private static final String[] SITES = {"410102001", "410105002", "410302001", "411302003"};
  private static final Instant DAY = Instant.parse("2025-03-10T01:00:00Z"); // 09:00 in the clinics' zone

  private LabelledPairs() {}

  /** {@code perKind} pairs of every kind (the OPV repeat is rare: a tenth of that). */
  public static List<Pair> generate(long seed, int perKind) {
    TestConsents consents = new TestConsents(seed, DAY.plus(Duration.ofDays(6)));
    Random random = new Random(seed);
    List<Pair> pairs = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      int count = kind == Kind.OPV_REPEATED_SAME_DAY ? Math.max(1, perKind / 10) : perKind;
      for (int i = 0; i < count; i++) {
        String site = SITES[random.nextInt(SITES.length)];
        Instant at = DAY.plus(Duration.ofDays(random.nextInt(5))).plus(Duration.ofMinutes(random.nextInt(8 * 60)));
        ConsentRecord first = consents.validAt(site.substring(0, 6), site, at);
        pairs.add(new Pair(kind, first, second(kind, first, consents, random)));
      }
    }
    return pairs;
  }

  private static ConsentRecord second(Kind kind, ConsentRecord first, TestConsents consents, Random random) {
    ConsentRecord second = copy(first);
    second.setOccurredAt(first.getOccurredAt().plus(Duration.ofMinutes(1 + random.nextInt(90))));
    switch (kind) {
      case RETRY_UNDER_NEW_ID -> { }
      case SECOND_TERMINAL -> second.setTerminalId(first.getSiteCode() + "T02");
      case LOT_TYPO -> second.getVaccination().setLotNumber(typo(first.getVaccination().getLotNumber(), random));
      case PAPER_SCAN_AFTER, PAPER_SCAN_FIRST -> {
        second.setSource(Source.PAPER_SCAN);
        second.setTerminalId(null);
        second.setOccurredAt(first.getOccurredAt()); // forms carry the date; the time is the scan's guess
      }
      case PAPER_DATED_NEXT_DAY -> {
        second.setSource(Source.PAPER_SCAN);
        second.setOccurredAt(first.getOccurredAt().plus(Duration.ofDays(1)));
      }
      case TWINS, NAMESAKE -> {
        // another citizen ID: another blind-index key, whatever the name and birth month say
        second.getChild().setKey(consents.valid().getChild().getKey());
        if (kind == Kind.TWINS) {
          second.getGuardian().setKey(first.getGuardian().getKey());
        }
      }
      case NEXT_DOSE -> {
        second.getVaccination().setDoseNumber(first.getVaccination().getDoseNumber() + 1);
        second.setOccurredAt(first.getOccurredAt().plus(Duration.ofDays(28 + random.nextInt(60))));
      }
      case GIVEN_TOGETHER -> second.getVaccination().setVaccineCode(
          first.getVaccination().getVaccineCode().equals("MMR") ? "JE-L" : "MMR");
      case DECLINED_THEN_CONSENTED -> {
        first.setDecision(Decision.DECLINED);
        second.setDecision(Decision.CONSENTED);
      }
      case RABIES_NEXT_INJECTION -> {
        rabies(first);
        rabies(second);
        second.setOccurredAt(first.getOccurredAt().plus(Duration.ofDays(3)));
      }
      case OPV_REPEATED_SAME_DAY -> {
        first.getVaccination().setVaccineCode("bOPV");
        second.getVaccination().setVaccineCode("bOPV");
        second.getVaccination().setDoseNumber(first.getVaccination().getDoseNumber());
      }
    }
    return second;
  }

  /** The records of a pair in the order the job receives them. */
  public static List<ConsentRecord> arrivalOrder(Pair pair) {
    return pair.kind() == Kind.PAPER_SCAN_FIRST ? List.of(pair.second(), pair.first()) : List.of(pair.first(), pair.second());
  }

  private static void rabies(ConsentRecord record) {
    record.getVaccination().setVaccineCode("RabV");
    record.getVaccination().setDoseNumber(2);
  }

  private static ConsentRecord copy(ConsentRecord record) {
    return ConsentRecord.newBuilder(record).setConsentId(UUID.randomUUID().toString()).build();
  }

  private static String typo(String lot, Random random) {
    if (lot.contains("0") && random.nextBoolean()) {
      return lot.replaceFirst("0", "O");
    }
    char[] chars = lot.toCharArray();
    int i = chars.length - 2;
    char c = chars[i];
    chars[i] = chars[i + 1];
    chars[i + 1] = c;
    String swapped = new String(chars);
    return swapped.equals(lot) ? lot + "1" : swapped;
  }
}
