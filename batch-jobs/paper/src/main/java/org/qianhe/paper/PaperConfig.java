package org.qianhe.paper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every setting of paper reading, typed, defaulted, validated and documented in one place
 * ({@link Key}). The batch job passes its {@code qianhe.paper.*} properties to {@link #from(Map)};
 * unknown keys under that prefix are refused so a typo is not silently ignored.
 */
public final class PaperConfig {

  public static final String PREFIX = "qianhe.paper.";

  /** What evidence image of the whole page the reader produces. */
  public enum PageImageFormat { PNG, JPEG, NONE }

  /** The settings, with default and description; {@link #property()} is the full property name. */
  public enum Key {
    TESSDATA("tessdata", "/usr/share/tesseract-ocr/5/tessdata",
        "folder with the Tesseract language data (Debian: tesseract-ocr, tesseract-ocr-chi-sim)"),
    TEXT_LANGUAGES("ocr.text-languages", "chi_sim",
        "Tesseract languages for Chinese text fields (chi_sim alone: with +eng, Tesseract takes short Chinese lines for garbled Latin)"),
    CODE_LANGUAGES("ocr.code-languages", "eng", "Tesseract languages for codes, digits and dates (read with a whitelist)"),
    ENGINES("ocr.engines", String.valueOf(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()))),
        "Tesseract engines (one per core; each is single-threaded, OMP_THREAD_LIMIT=1)"),
    READ_DPI("ocr.read-dpi", "200,160,230",
        "resolutions a field region is resampled to (deskewed on the way) for its first, second and third read: "
            + "Tesseract 5.3 with Debian's models reads printed 12 pt best at 160-230 dpi (measured on the synthetic "
            + "corpora), and reads at different scales do not share all their mistakes"),
    RENDER_DPI("render-dpi", "300", "resolution PDF pages are rendered at (archives expect at least 300)"),
    TEXT_CONFIDENCE("accept.text-confidence", "60",
        "lowest Tesseract symbol confidence (0-100) for a Chinese text field to be accepted; Debian's chi_sim model "
            + "reports 60-80 on names it reads right and up to 90 on some it reads wrong, so agreement of two reads, "
            + "not this, is what guards Chinese fields"),
    CODE_CONFIDENCE("accept.code-confidence", "85",
        "lowest Tesseract symbol confidence (0-100) for a code, digit or date field to be accepted"),
    CHECKBOX_FILLED("accept.checkbox-filled", "0.08", "ink share above which a tick box counts as ticked"),
    CHECKBOX_EMPTY("accept.checkbox-empty", "0.025",
        "ink share below which a tick box counts as empty; in between, the group goes to review"),
    SIGNATURE_INK("accept.signature-ink", "0.01", "ink share of the signature box above which the form counts as signed"),
    CLOCK_SKEW("validation.clock-skew", "PT5M", "allowed clock skew for the model's rules (ISO-8601 duration)"),
    MAX_FILE_BYTES("limits.max-file-bytes", String.valueOf(256L << 20), "larger scan files are rejected unread"),
    MAX_PAGES("limits.max-pages", "500", "files with more pages are rejected"),
    MAX_PIXELS("limits.max-pixels", "60000000",
        "largest page (declared width x height) decoded; bigger is a decompression bomb and rejected before decoding"),
    MIN_SIDE_PX("limits.min-side-px", "600", "pages with a shorter side are rejected as absurd"),
    MAX_SIDE_PX("limits.max-side-px", "20000", "pages with a longer side are rejected as absurd"),
    MAX_ASPECT("limits.max-aspect", "3.0", "pages longer than this many times their width (or the reverse) are rejected as absurd"),
    MAX_PAGE_MM("limits.max-page-mm", "1200", "PDF pages larger than this (either side, in mm) are rejected as absurd"),
    PAGE_TIMEOUT("limits.page-timeout", "PT60S", "longest time to open a file or decode one page (ISO-8601 duration)"),
    PAGE_IMAGE("evidence.page-image", "JPEG", "whole-page evidence image: PNG (lossless, slow), JPEG or NONE"),
    JPEG_QUALITY("evidence.jpeg-quality", "0.92", "JPEG quality of the whole-page evidence image (0-1)");

    private final String name;
    private final String defaultValue;
    private final String description;

    Key(String name, String defaultValue, String description) {
      this.name = name;
      this.defaultValue = defaultValue;
      this.description = description;
    }

    public String property() {
      return PREFIX + name;
    }

    public String defaultValue() {
      return defaultValue;
    }

    public String description() {
      return description;
    }
  }

  private final Map<Key, String> values;

  private PaperConfig(Map<Key, String> values) {
    this.values = values;
    validate();
  }

  public static PaperConfig defaults() {
    return from(Map.of());
  }

  /** From properties named {@code qianhe.paper.<key>}; other prefixes are ignored. */
  public static PaperConfig from(Map<String, String> properties) {
    Map<Key, String> values = new EnumMap<>(Key.class);
    for (Key key : Key.values()) {
      values.put(key, key.defaultValue);
    }
    Map<String, Key> byProperty = new LinkedHashMap<>();
    for (Key key : Key.values()) {
      byProperty.put(key.property(), key);
    }
    properties.forEach((name, value) -> {
      if (name.startsWith(PREFIX)) {
        Key key = byProperty.get(name);
        if (key == null) {
          throw new IllegalArgumentException("unknown paper setting " + name + " (known: " + byProperty.keySet() + ")");
        }
        values.put(key, value.strip());
      }
    });
    return new PaperConfig(values);
  }

  /** A copy with one setting changed. */
  public PaperConfig with(Key key, Object value) {
    Map<Key, String> copy = new EnumMap<>(values);
    copy.put(key, String.valueOf(value));
    return new PaperConfig(copy);
  }

  public Path tessdata() {
    return Path.of(values.get(Key.TESSDATA));
  }

  public String textLanguages() {
    return values.get(Key.TEXT_LANGUAGES);
  }

  public String codeLanguages() {
    return values.get(Key.CODE_LANGUAGES);
  }

  public int engines() {
    return integer(Key.ENGINES);
  }

  /** Resolutions of the first, second and third read of a field. */
  public int[] readDpi() {
    return parse(Key.READ_DPI, v -> java.util.Arrays.stream(v.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray());
  }

  public int renderDpi() {
    return integer(Key.RENDER_DPI);
  }

  public int textConfidence() {
    return integer(Key.TEXT_CONFIDENCE);
  }

  public int codeConfidence() {
    return integer(Key.CODE_CONFIDENCE);
  }

  public double checkboxFilled() {
    return decimal(Key.CHECKBOX_FILLED);
  }

  public double checkboxEmpty() {
    return decimal(Key.CHECKBOX_EMPTY);
  }

  public double signatureInk() {
    return decimal(Key.SIGNATURE_INK);
  }

  public Duration clockSkew() {
    return duration(Key.CLOCK_SKEW);
  }

  public long maxFileBytes() {
    return parse(Key.MAX_FILE_BYTES, Long::parseLong);
  }

  public int maxPages() {
    return integer(Key.MAX_PAGES);
  }

  public long maxPixels() {
    return parse(Key.MAX_PIXELS, Long::parseLong);
  }

  public int minSidePx() {
    return integer(Key.MIN_SIDE_PX);
  }

  public int maxSidePx() {
    return integer(Key.MAX_SIDE_PX);
  }

  public double maxAspect() {
    return decimal(Key.MAX_ASPECT);
  }

  public double maxPageMm() {
    return decimal(Key.MAX_PAGE_MM);
  }

  public Duration pageTimeout() {
    return duration(Key.PAGE_TIMEOUT);
  }

  public PageImageFormat pageImage() {
    return parse(Key.PAGE_IMAGE, v -> PageImageFormat.valueOf(v.toUpperCase(Locale.ROOT)));
  }

  public float jpegQuality() {
    return (float) decimal(Key.JPEG_QUALITY);
  }

  private void validate() {
    tessdata();
    pageImage();
    check(Key.ENGINES, engines() >= 1 && engines() <= 64, "1 to 64");
    check(Key.READ_DPI, readDpi().length == 3 && java.util.Arrays.stream(readDpi()).allMatch(d -> d >= 100 && d <= 600),
        "three resolutions from 100 to 600");
    check(Key.RENDER_DPI, renderDpi() >= 150 && renderDpi() <= 600, "150 to 600");
    check(Key.TEXT_CONFIDENCE, textConfidence() >= 0 && textConfidence() <= 100, "0 to 100");
    check(Key.CODE_CONFIDENCE, codeConfidence() >= 0 && codeConfidence() <= 100, "0 to 100");
    check(Key.CHECKBOX_EMPTY, checkboxEmpty() >= 0 && checkboxEmpty() < checkboxFilled(), "at least 0 and below checkbox-filled");
    check(Key.CHECKBOX_FILLED, checkboxFilled() <= 1, "at most 1");
    check(Key.SIGNATURE_INK, signatureInk() >= 0 && signatureInk() < 1, "0 to 1");
    check(Key.CLOCK_SKEW, !clockSkew().isNegative(), "not negative");
    check(Key.MAX_FILE_BYTES, maxFileBytes() > 0, "positive");
    check(Key.MAX_PAGES, maxPages() > 0, "positive");
    check(Key.MAX_PIXELS, maxPixels() > 0, "positive");
    check(Key.MIN_SIDE_PX, minSidePx() > 0 && minSidePx() < maxSidePx(), "positive and below max-side-px");
    check(Key.MAX_ASPECT, maxAspect() >= 1, "at least 1");
    check(Key.MAX_PAGE_MM, maxPageMm() > 0, "positive");
    check(Key.PAGE_TIMEOUT, !pageTimeout().isNegative() && !pageTimeout().isZero(), "positive");
    check(Key.JPEG_QUALITY, jpegQuality() > 0 && jpegQuality() <= 1, "above 0, at most 1");
  }

  private void check(Key key, boolean ok, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(key.property() + " must be " + expected + ", not " + values.get(key));
    }
  }

  private int integer(Key key) {
    return parse(key, Integer::parseInt);
  }

  private double decimal(Key key) {
    return parse(key, Double::parseDouble);
  }

  private Duration duration(Key key) {
    return parse(key, Duration::parse);
  }

  private <T> T parse(Key key, Function<String, T> parser) {
    String raw = values.get(key);
    try {
      return parser.apply(raw);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(key.property() + " cannot be read from '" + raw + "': " + key.description());
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("PaperConfig{");
    values.forEach((k, v) -> s.append(k.property()).append('=').append(v).append(", "));
    return s.replace(s.length() - 2, s.length(), "}").toString();
  }
}
