package org.qianhe.paper.read;

import java.util.List;
import java.util.Optional;
import org.qianhe.paper.PaperConfig;
import org.qianhe.paper.form.FieldSpec;
import org.qianhe.paper.form.Vocabulary;
import org.qianhe.paper.image.Binariser;
import org.qianhe.paper.image.Components;
import org.qianhe.paper.image.GreyImage;
import org.qianhe.paper.image.Registration;
import org.qianhe.paper.image.RegionSampler;
import org.qianhe.paper.ocr.OcrText;
import org.qianhe.paper.ocr.TesseractEngine;

/**
 * Reads one printed field. The region is cut out deskewed at the first of
 * {@code qianhe.paper.ocr.read-dpi}; a binarised copy (Otsu on the region, specks and underline
 * removed) finds the ink, and the grey levels inside it, stretched from ink to paper, are read as
 * one line with the field's whitelist ("A"; Tesseract thresholds grey better than a global
 * threshold does, most of all on faded print). Fields no other source confirms are read again at
 * the second resolution ("B"); when A and B differ a third read ("C", third resolution) picks the
 * value reported, but the disagreement stands. Vocabulary fields are matched to their list; a read
 * that matches only with mistakes is read again to confirm.
 */
final class FieldReader {

  /** Margin around the box, mm: registration is good to a few tenths of a millimetre. */
  private static final double MARGIN_MM = 0.6;
  /** Share of ink (at the page's mid level) under which a box counts as blank. */
  private static final double BLANK_SHARE = 0.004;

  private final double[] pxPerMm;
  private final Vocabulary vocabulary;

  FieldReader(PaperConfig config, Vocabulary vocabulary) {
    this.pxPerMm = java.util.Arrays.stream(config.readDpi()).mapToDouble(dpi -> dpi / 25.4).toArray();
    this.vocabulary = vocabulary;
  }

  FieldRead read(TesseractEngine engine, GreyImage page, Registration.Result registration, FieldSpec field) {
    Prepared prepared = new Prepared(engine, page, registration, field);
    GreyImage region = prepared.sample(pxPerMm[0]);
    int mid = (registration.paper() + registration.ink()) / 2;
    if (Binariser.inkShare(region, mid) < BLANK_SHARE) {
      return FieldRead.BLANK;
    }
    OcrText a = prepared.read(region, pxPerMm[0]);
    if (!field.vocabulary().isEmpty()) {
      return matchVocabulary(prepared, field, a);
    }
    String valueA = prepared.normalise(a);
    if (!field.secondRead()) {
      return new FieldRead(valueA, a.minConfidence() / 100, null, false);
    }
    OcrText b = prepared.read(prepared.sample(pxPerMm[1]), pxPerMm[1]);
    String valueB = prepared.normalise(b);
    if (valueA.equals(valueB)) {
      return new FieldRead(valueA, Math.min(a.minConfidence(), b.minConfidence()) / 100, true, false);
    }
    OcrText c = prepared.read(prepared.sample(pxPerMm[2]), pxPerMm[2]);
    String valueC = prepared.normalise(c);
    String voted = vote(valueA, valueB, valueC);
    double confidence = (voted.equals(valueB) ? b : voted.equals(valueC) ? c : a).minConfidence() / 100;
    java.util.LinkedHashSet<String> candidates = new java.util.LinkedHashSet<>(List.of(voted, valueA, valueB, valueC));
    return new FieldRead(voted, confidence, false, false, List.copyOf(candidates));
  }

  /**
   * The value two of three reads give; else, when all three have the same length, the character
   * most reads give at each position (three reads that each get a different character wrong still
   * spell the name); else the first read.
   */
  static String vote(String a, String b, String c) {
    if (b.equals(c) || a.equals(c)) {
      return c;
    }
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int[] z = c.codePoints().toArray();
    if (x.length == 0 || x.length != y.length || y.length != z.length) {
      return a;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < x.length; i++) {
      out.appendCodePoint(y[i] == z[i] ? y[i] : x[i]);
    }
    return out.toString();
  }

  private FieldRead matchVocabulary(Prepared prepared, FieldSpec field, OcrText a) {
    Optional<Vocabulary.Match> first = vocabulary.match(field.vocabulary(), prepared.normalise(a));
    if (first.isPresent() && first.get().distance() == 0) {
      return new FieldRead(first.get().entry(), a.minConfidence() / 100, null, true);
    }
    OcrText b = prepared.read(prepared.sample(pxPerMm[1]), pxPerMm[1]);
    Optional<Vocabulary.Match> second = vocabulary.match(field.vocabulary(), prepared.normalise(b));
    if (first.isEmpty() && second.isEmpty()) {
      return new FieldRead(prepared.normalise(a), a.minConfidence() / 100, null, false);
    }
    Vocabulary.Match best = first.isEmpty() || second.isPresent() && second.get().distance() < first.get().distance()
        ? second.get() : first.get();
    boolean agreed = first.isPresent() && second.isPresent() && first.get().entry().equals(second.get().entry());
    double confidence = best.distance() == 0 ? b.minConfidence() / 100
        : 1 - (double) best.distance() / best.entry().codePointCount(0, best.entry().length());
    java.util.LinkedHashSet<String> candidates = new java.util.LinkedHashSet<>();
    candidates.add(best.entry());
    first.ifPresent(m -> candidates.add(m.entry()));
    second.ifPresent(m -> candidates.add(m.entry()));
    return new FieldRead(best.entry(), confidence, agreed, true, List.copyOf(candidates));
  }

  /** One field's region and the ways of reading it. */
  private static final class Prepared {
    private final TesseractEngine engine;
    private final GreyImage page;
    private final Registration.Result registration;
    private final FieldSpec field;

    Prepared(TesseractEngine engine, GreyImage page, Registration.Result registration, FieldSpec field) {
      this.engine = engine;
      this.page = page;
      this.registration = registration;
      this.field = field;
    }

    GreyImage sample(double scale) {
      return RegionSampler.grey(page, registration.map(), field.box().grow(MARGIN_MM), scale);
    }

    /**
     * Finds the ink on a binarised copy (specks and rules removed), keeps the grey levels at and
     * next to that ink (the anti-aliased edges Tesseract reads best) and whitens the rest: a faint
     * seal, scanner noise or a slanted underline are gone, faded print is not. Cropped tight (the
     * raw-line mode needs a tight line) and read.
     */
    OcrText read(GreyImage region, double scale) {
      int mid = (registration.paper() + registration.ink()) / 2;
      int threshold = Math.min(Binariser.otsu(region), mid + (registration.paper() - mid) / 2);
      GreyImage binary = Binariser.binarise(region, threshold, Math.max(2, (int) Math.round(0.06 * scale * scale)));
      Components.removeRules(binary, (int) Math.round(0.3 * binary.width()), (int) Math.ceil(0.6 * scale));
      int[] box = Binariser.inkBounds(binary);
      if (box == null) {
        return OcrText.NOTHING;
      }
      GreyImage grey = Binariser.stretch(Binariser.masked(region, binary, 2), registration.ink(), registration.paper());
      GreyImage line = Binariser.pad(Binariser.crop(grey, box), Math.max(8, (int) Math.round(1.5 * scale)));
      int dpi = (int) Math.round(scale * 25.4);
      boolean chinese = field.kind().chinese();
      // Tesseract's line finder now and then returns nothing for a short line: raw-line mode reads
      // it, and a lone character (a dose number) needs single-character mode
      for (int psm : new int[] {TesseractEngine.PSM_SINGLE_LINE, TesseractEngine.PSM_RAW_LINE, TesseractEngine.PSM_SINGLE_CHAR}) {
        OcrText text = engine.readLine(line, chinese, field.whitelist(), dpi, psm);
        if (!text.empty()) {
          return text;
        }
      }
      return OcrText.NOTHING;
    }

    String normalise(OcrText text) {
      return TextNormaliser.normalise(text.text(), field.kind());
    }
  }
}
