package org.qianhe.stream.dedup;

import java.time.LocalDate;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.storage.StorageLayout;

/**
 * What makes two records the same vaccination: the same child (blind-index key, so twins and
 * namesakes with the same birth date stay apart), vaccine, dose number, vaccination site and
 * decision. The decision is part of it because a guardian who declines and later consents on the
 * same day gives two true consents, not one twice. The lot number is deliberately not: a typo in
 * it must not turn one vaccination into two. The day is not part of the key; it is compared
 * within the family's window ({@link DedupWindows}).
 */
public final class SemanticKey {

  private SemanticKey() {}

  public static String of(ConsentRecord r) {
    return r.getChild().getKey() + '|' + r.getVaccination().getVaccineCode() + '|'
        + r.getVaccination().getDoseNumber() + '|' + r.getSiteCode() + '|' + r.getDecision();
  }

  /** The vaccination day in the clinics' time zone, the same day the staging partition uses. */
  public static LocalDate day(ConsentRecord r) {
    return StorageLayout.partitionDate(r.getOccurredAt());
  }
}
