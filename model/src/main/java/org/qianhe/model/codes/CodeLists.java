package org.qianhe.model.codes;

/**
 * The reference data the validation rules check against: vaccines with their schedules, region
 * codes and notice texts. {@link #bundled()} is what ships in this jar; a test or a migration can
 * build its own. Immutable and thread-safe.
 */
public record CodeLists(VaccineCatalogue vaccines, RegionCodes regions, NoticeCatalogue notices) {

  /** The lists in this jar, read once. */
  public static CodeLists bundled() {
    return Bundled.INSTANCE;
  }

  private static final class Bundled {
    static final CodeLists INSTANCE = new CodeLists(
        VaccineCatalogue.read(Resources.json(VaccineCatalogue.RESOURCE)),
        new RegionCodes(Resources.csv(RegionCodes.RESOURCE)),
        NoticeCatalogue.read(Resources.json(NoticeCatalogue.RESOURCE)));
  }
}
