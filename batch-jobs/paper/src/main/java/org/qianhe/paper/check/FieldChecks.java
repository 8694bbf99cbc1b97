package org.qianhe.paper.check;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.qianhe.model.codes.CodeLists;
import org.qianhe.model.codes.Vaccine;
import org.qianhe.model.validation.CitizenIdNumber;
import org.qianhe.paper.FieldResult;
import org.qianhe.paper.FieldStatus;
import org.qianhe.paper.PaperConfig;
import org.qianhe.paper.Source;
import org.qianhe.paper.barcode.FormCode;
import org.qianhe.paper.form.CheckboxGroup;
import org.qianhe.paper.form.FieldKind;
import org.qianhe.paper.form.FieldSpec;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.read.FieldRead;
import org.qianhe.paper.read.RawPage;
import org.qianhe.paper.read.TickRead;
import org.qianhe.paper.scan.ManifestEntry;

/**
 * Turns what was read into checked fields. A field is CONFIRMED only when it is well formed, read
 * with confidence, and at least one independent source agrees with it while none disagrees:
 * the QR code (form id, child ID), the vendor's manifest, the code lists (vaccine code and name),
 * the ID number's check character and the birth date inside it, the site code inside the form id,
 * or a second read of the field. A wrong lot number is worse than none, so doubt always wins.
 */
public final class FieldChecks {

  private final FormTemplate form;
  private final CodeLists codeLists;
  private final PaperConfig config;

  public FieldChecks(FormTemplate form, CodeLists codeLists, PaperConfig config) {
    this.form = form;
    this.codeLists = codeLists;
    this.config = config;
  }

  public Map<String, FieldResult> check(RawPage raw, Optional<ManifestEntry> manifest) {
    Map<String, FieldResult> out = new LinkedHashMap<>();
    for (FieldSpec field : form.fields()) {
      out.put(field.name(), check(field, raw, manifest));
    }
    for (CheckboxGroup group : form.checkboxGroups()) {
      out.put(group.name(), tick(group.name(), raw.ticks().get(group.name())));
    }
    return out;
  }

  private FieldResult check(FieldSpec field, RawPage raw, Optional<ManifestEntry> manifest) {
    FieldRead read = raw.fields().getOrDefault(field.name(), FieldRead.BLANK);
    String value = pick(field.name(), read, raw, manifest);
    if (read.blank()) {
      return result(field, "", 0, FieldStatus.MISSING, Set.of());
    }
    boolean vocabulary = !field.vocabulary().isEmpty();
    if (!wellFormed(field, value) || vocabulary && !read.matched()) {
      return result(field, value, read.confidence(), FieldStatus.MALFORMED, Set.of());
    }
    Set<Source> agree = EnumSet.noneOf(Source.class);
    Set<Source> disagree = EnumSet.noneOf(Source.class);
    if (vocabulary) {
      agree.add(Source.VOCABULARY);
    }
    if (read.agreed() != null) {
      (read.agreed() ? agree : disagree).add(Source.SECOND_READ);
    } else if (field.secondRead()) {
      disagree.add(Source.SECOND_READ);
    }
    crossCheck(field.name(), value, raw, agree, disagree);
    manifest.flatMap(entry -> entry.keyed(field.name()))
        .ifPresent(keyed -> (keyed.equals(value) ? agree : disagree).add(Source.MANIFEST));
    if (field.identity() && field.kind().chinese()) {
      // Names: Debian's chi_sim model confuses some name characters the same way at every scale
      // (涵 and 池), so two reads agreeing is no proof. A name is confirmed only by what the
      // vendor keyed (archive indexing is keyed by people, often twice) or it goes to review.
      agree.remove(Source.SECOND_READ);
    }
    double threshold = (field.kind().chinese() ? config.textConfidence() : config.codeConfidence()) / 100.0;
    FieldStatus status = !disagree.isEmpty() ? FieldStatus.DISAGREES
        : read.confidence() < threshold ? FieldStatus.LOW_CONFIDENCE
        : agree.isEmpty() ? FieldStatus.UNCONFIRMED
        : FieldStatus.CONFIRMED;
    return result(field, value, read.confidence(), status, agree);
  }

  /**
   * The value to report: the first candidate an independent source (manifest, QR code) names, when
   * the reads did not agree; else the reads' own choice. Whether the field is confirmed is decided
   * afterwards, on all the evidence.
   */
  private static String pick(String name, FieldRead read, RawPage raw, Optional<ManifestEntry> manifest) {
    if (read.candidates().size() < 2) {
      return read.value();
    }
    Optional<String> external = manifest.flatMap(entry -> entry.keyed(name));
    if (external.isEmpty() && raw.code().isPresent()) {
      external = switch (name) {
        case "formId" -> Optional.of(raw.code().get().formId());
        case "childId" -> Optional.of(raw.code().get().childId());
        default -> Optional.empty();
      };
    }
    return external.filter(read.candidates()::contains).orElse(read.value());
  }

  /** The confirmations one field of this form can have from the QR code, the code lists and the other fields. */
  private void crossCheck(String name, String value, RawPage raw, Set<Source> agree, Set<Source> disagree) {
    Optional<FormCode> code = raw.code();
    switch (name) {
      case "formId" -> code.ifPresent(c -> (c.formId().equals(value) ? agree : disagree).add(Source.BARCODE));
      case "childId" -> {
        agree.add(Source.CHECK_CHARACTER); // wellFormed() has verified it
        code.ifPresent(c -> (c.childId().equals(value) ? agree : disagree).add(Source.BARCODE));
      }
      case "birthDate" -> {
        String id = raw.fields().getOrDefault("childId", FieldRead.BLANK).value();
        if (CitizenIdNumber.hasValidCheckCharacter(id)) {
          (id.substring(6, 14).equals(value.replace("-", "")) ? agree : disagree).add(Source.CROSS_FIELD);
        }
      }
      case "vaccineCode" -> (codeLists.vaccines().find(value).isPresent() ? agree : disagree).add(Source.CODE_LIST);
      case "vaccineName" -> {
        agree.remove(Source.VOCABULARY); // the code list's name for the code read, below, is the stronger check
        Optional<Vaccine> vaccine = codeLists.vaccines().find(raw.fields().getOrDefault("vaccineCode", FieldRead.BLANK).value());
        vaccine.ifPresent(v -> (normaliseName(v.name()).equals(value) ? agree : disagree).add(Source.CODE_LIST));
      }
      case "siteCode" -> {
        String formId = raw.fields().getOrDefault("formId", FieldRead.BLANK).value();
        if (form.field("formId").wellFormed(formId)) {
          (formId.startsWith(value + "-") ? agree : disagree).add(Source.CROSS_FIELD);
        }
      }
      default -> {
        // confirmed by its second read and the manifest only
      }
    }
  }

  private FieldResult tick(String name, TickRead read) {
    if (read == null || read.value().isEmpty()) {
      return new FieldResult(name, "", read == null ? 0 : read.confidence(), FieldStatus.MISSING, Set.of(), false);
    }
    return read.clear()
        ? new FieldResult(name, read.value(), read.confidence(), FieldStatus.CONFIRMED, Set.of(Source.CLEAR_TICK), false)
        : new FieldResult(name, read.value(), read.confidence(), FieldStatus.LOW_CONFIDENCE, Set.of(), false);
  }

  static boolean wellFormed(FieldSpec field, String value) {
    if (!field.wellFormed(value)) {
      return false;
    }
    if (field.kind() == FieldKind.DATE) {
      try {
        LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        return false;
      }
    }
    return !field.name().equals("childId") || CitizenIdNumber.hasValidCheckCharacter(value);
  }

  private static String normaliseName(String name) {
    return name.replace('(', '（').replace(')', '）').replaceAll("\\s+", "");
  }

  private static FieldResult result(FieldSpec field, String value, double confidence, FieldStatus status, Set<Source> agree) {
    return new FieldResult(field.name(), value, confidence, status, agree, field.identity());
  }
}
