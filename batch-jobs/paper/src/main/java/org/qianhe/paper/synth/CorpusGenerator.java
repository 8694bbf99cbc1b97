package org.qianhe.paper.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.codes.CodeLists;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.terminal.simulator.ConsentGenerator;

/**
 * Writes a scan batch folder of synthetic paper consents: scans in every format vendors deliver
 * (PNG, JPEG, multi-page TIFF, single- and multi-page PDF), the vendor's manifest CSV
 * ({@value #MANIFEST}) with a few keying mistakes, and the ground truth ({@value #GROUND_TRUTH}, test
 * data). The same seed gives the same batch, whatever the number of threads.
 */
public final class CorpusGenerator {

  public static final String MANIFEST = "manifest.csv";
  public static final String GROUND_TRUTH = "ground-truth.jsonl";
  private static final ZoneId CLINIC_ZONE = ZoneId.of("Asia/Shanghai");
  private static final LocalDate FIRST_DAY = LocalDate.of(2021, 1, 4);
  private static final int DAYS = 4 * 365;

  /** Clean: good 300 dpi scans. Noisy: 200-300 dpi, ±3°, noise, blur, faded print. */
  public enum Quality { CLEAN, NOISY }

  /**
   * @param manifestErrorRate share of manifest rows with a keying mistake (lot number or date)
   * @param unsignedRate      share of forms the guardian did not sign
   */
  public record Options(int pages, Quality quality, long seed, double manifestErrorRate, double unsignedRate, int threads) {
    public static Options of(int pages, Quality quality, long seed) {
      return new Options(pages, quality, seed, 0.01, 0.01, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
  }

  private enum Kind { PNG, JPEG, TIFF, PDF }

  private final FormRenderer renderer;

  public CorpusGenerator(FormTemplate form) {
    this.renderer = new FormRenderer(form);
  }

  public List<PageTruth> generate(Path dir, Options options) throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(options.seed());
    ConsentGenerator consents = new ConsentGenerator(options.seed(), Instant.parse("2025-01-01T00:00:00Z"));
    List<PageTruth> truths = new ArrayList<>();
    List<List<Integer>> files = new ArrayList<>();
    List<Kind> kinds = new ArrayList<>();
    int index = 0;
    while (index < options.pages()) {
      Kind kind = kind(random, options.quality());
      int pages = kind == Kind.TIFF ? 1 + random.nextInt(3) : kind == Kind.PDF ? 1 + random.nextInt(4) : 1;
      pages = Math.min(pages, options.pages() - index);
      String box = String.format(Locale.ROOT, "B%02d", 1 + files.size() / 25);
      String file = String.format(Locale.ROOT, "%s-%04d.%s", box, files.size() + 1, extension(kind));
      List<Integer> members = new ArrayList<>();
      for (int p = 1; p <= pages; p++, index++) {
        FormData data = FormData.of(historical(consents, random), index + 1, CodeLists.bundled().regions());
        if (random.nextDouble() < options.unsignedRate()) {
          data = data.unsigned();
        }
        ScanStyle style = options.quality() == Quality.CLEAN ? ScanStyle.clean(random) : ScanStyle.noisy(random);
        truths.add(new PageTruth(file, p, box, data, style, random.nextDouble() < options.manifestErrorRate()));
        members.add(index);
      }
      files.add(members);
      kinds.add(kind);
    }
    write(dir, truths, files, kinds, options);
    writeManifest(dir.resolve(MANIFEST), truths, new Random(options.seed() ^ 0x5DEECE66DL));
    writeGroundTruth(dir.resolve(GROUND_TRUTH), truths);
    return truths;
  }

  private void write(Path dir, List<PageTruth> truths, List<List<Integer>> files, List<Kind> kinds, Options options)
      throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int f = 0; f < files.size(); f++) {
        List<Integer> members = files.get(f);
        Kind kind = kinds.get(f);
        done.add(pool.submit(() -> {
          writeFile(dir, truths, members, kind, options.seed());
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating scans", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException("cannot generate a scan", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void writeFile(Path dir, List<PageTruth> truths, List<Integer> members, Kind kind, long seed) throws IOException {
    List<ScanWriter.Page> pages = new ArrayList<>();
    for (int i : members) {
      PageTruth truth = truths.get(i);
      Random random = new Random(seed * 1_000_003L + i);
      BufferedImage image = Degrader.apply(renderer.render(truth.data(), truth.style(), random), truth.style(), random);
      pages.add(new ScanWriter.Page(image, truth.style().dpi(), truth.style().jpegQuality(), truth.style().noisy()));
    }
    Path file = dir.resolve(truths.get(members.get(0)).file());
    switch (kind) {
      case PNG -> ScanWriter.png(file, pages.get(0).image());
      case JPEG -> ScanWriter.jpeg(file, pages.get(0).image(), pages.get(0).jpegQuality());
      case TIFF -> ScanWriter.tiff(file, pages);
      case PDF -> ScanWriter.pdf(file, pages);
    }
  }

  /** A consent given on a working day between 2021 and 2024, in clinic hours. */
  private static ConsentUpload historical(ConsentGenerator consents, Random random) {
    ConsentUpload where = consents.next();
    LocalDate day = FIRST_DAY.plusDays(random.nextInt(DAYS));
    Instant at = day.atTime(LocalTime.of(8 + random.nextInt(9), random.nextInt(60))).atZone(CLINIC_ZONE).toInstant();
    return consents.at(where.getRegionCode(), where.getSiteCode(), at);
  }

  private static Kind kind(Random random, Quality quality) {
    int roll = random.nextInt(100);
    if (quality == Quality.CLEAN) {
      return roll < 25 ? Kind.PNG : roll < 40 ? Kind.JPEG : roll < 65 ? Kind.TIFF : Kind.PDF;
    }
    return roll < 15 ? Kind.PNG : roll < 50 ? Kind.JPEG : roll < 70 ? Kind.TIFF : Kind.PDF;
  }

  private static String extension(Kind kind) {
    return switch (kind) {
      case PNG -> "png";
      case JPEG -> "jpg";
      case TIFF -> "tif";
      case PDF -> "pdf";
    };
  }

  /** The vendor's index: keyed by hand, so now and then a lot number or date is mistyped. */
  private static void writeManifest(Path file, List<PageTruth> truths, Random random) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("file,box,page,form_id,child_name,guardian_name,vaccination_date,vaccine_code,lot_number\n");
      for (PageTruth t : truths) {
        FormData d = t.data();
        String lot = d.field("lotNumber");
        String date = d.field("vaccinationDate");
        if (t.manifestError()) {
          if (random.nextBoolean()) {
            int at = random.nextInt(lot.length());
            char wrong = Character.isDigit(lot.charAt(at)) ? (char) ('0' + (lot.charAt(at) - '0' + 1 + random.nextInt(8)) % 10) : 'Z';
            lot = lot.substring(0, at) + wrong + lot.substring(at + 1);
          } else {
            date = LocalDate.parse(date).plusDays(1 + random.nextInt(3)).toString();
          }
        }
        out.write(String.join(",", t.file(), t.box(), String.valueOf(t.page()), d.field("formId"), d.field("childName"), d.field("guardianName"), date,
            d.field("vaccineCode"), lot));
        out.write('\n');
      }
    }
  }

  private static void writeGroundTruth(Path file, List<PageTruth> truths) {
    ObjectMapper json = new ObjectMapper();
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (PageTruth t : truths) {
        ObjectNode line = json.createObjectNode();
        line.put("file", t.file()).put("page", t.page()).put("box", t.box());
        line.set("fields", json.valueToTree(t.data().fields()));
        line.set("checks", json.valueToTree(t.data().checks()));
        line.put("signed", t.data().signed()).put("manifestError", t.manifestError());
        line.put("dpi", t.style().dpi()).put("angle", t.style().angleDegrees()).put("noisy", t.style().noisy());
        out.write(json.writeValueAsString(line));
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
