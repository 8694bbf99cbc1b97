package org.qianhe.model.codes;

import java.util.List;
import java.util.OptionalInt;

/**
 * A vaccine of the code list with its dose schedule.
 *
 * @param code      the code terminals send ({@code vaccination.vaccineCode})
 * @param name      the official name, as printed on the notice
 * @param family    vaccines that protect against the same disease share a family (IPV and bOPV:
 *                  Polio); deduplication windows are configured per family
 * @param programme {@code NIP} for the national immunisation programme, else what the vaccine is
 *                  given under (e.g. {@code POST_EXPOSURE} for rabies)
 * @param doses     the schedule, dose 1 first
 */
public record Vaccine(String code, String name, String family, String programme, List<Dose> doses) {

  public Vaccine {
    doses = List.copyOf(doses);
  }

  public int doseCount() {
    return doses.size();
  }

  public boolean hasDose(int number) {
    return number >= 1 && number <= doses.size();
  }

  /** The scheduled dose; only for numbers {@link #hasDose(int) in the schedule}. */
  public Dose dose(int number) {
    return doses.get(number - 1);
  }

  /**
   * The shortest gap in days between two doses of this vaccine, if any dose follows another: a
   * rabies post-exposure series has doses 3 days apart, the NIP vaccines weeks or months.
   */
  public OptionalInt shortestIntervalDays() {
    return doses.stream().mapToInt(Dose::minIntervalDays).filter(days -> days > 0).min();
  }
}
