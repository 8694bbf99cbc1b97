package org.qianhe.paper.ocr;

import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.TessAPI;
import org.qianhe.paper.image.GreyImage;

/**
 * One Tesseract engine: a handle per language set, initialised once and reused for every region
 * (initialising chi_sim costs ~0.7 s, a region ~20-80 ms). Not thread-safe: one thread at a time,
 * which {@link OcrEngines} guarantees.
 */
public final class TesseractEngine implements AutoCloseable {

  /** Page segmentation modes used here (Tesseract's numbering). */
  public static final int PSM_AUTO = 3;
  public static final int PSM_SINGLE_LINE = 7;
  public static final int PSM_SINGLE_CHAR = 10;
  public static final int PSM_RAW_LINE = 13;

  private final TessAPI api;
  private final TessBaseAPI text;
  private final TessBaseAPI codes;
  private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);

  public TesseractEngine(Path tessdata, String textLanguages, String codeLanguages) {
    requireData(tessdata, textLanguages);
    requireData(tessdata, codeLanguages);
    this.api = TesseractLibrary.api();
    this.text = init(tessdata, textLanguages);
    this.codes = init(tessdata, codeLanguages);
  }

  /**
   * Reads a region as one line of text.
   *
   * @param chinese   with the text languages (else the code languages)
   * @param whitelist the only characters allowed, empty for all
   * @param psm       {@link #PSM_SINGLE_LINE}, {@link #PSM_RAW_LINE} or {@link #PSM_SINGLE_CHAR}
   */
  public OcrText readLine(GreyImage image, boolean chinese, String whitelist, int dpi, int psm) {
    return read(chinese ? text : codes, image, whitelist, dpi, psm);
  }

  /** Reads a whole page with automatic layout analysis (the baseline the benchmark compares with). */
  public OcrText readPage(GreyImage image, int dpi) {
    return read(text, image, "", dpi, PSM_AUTO);
  }

  private OcrText read(TessBaseAPI handle, GreyImage image, String whitelist, int dpi, int psm) {
    api.TessBaseAPISetPageSegMode(handle, psm);
    api.TessBaseAPISetVariable(handle, "tessedit_char_whitelist", whitelist);
    api.TessBaseAPISetImage(handle, fill(image), image.width(), image.height(), 1, image.width());
    api.TessBaseAPISetSourceResolution(handle, dpi);
    Pointer utf8 = api.TessBaseAPIGetUTF8Text(handle);
    if (utf8 == null) {
      api.TessBaseAPIClear(handle);
      return OcrText.NOTHING;
    }
    String result;
    try {
      result = utf8.getString(0, "UTF-8").strip();
    } finally {
      api.TessDeleteText(utf8);
    }
    float mean = api.TessBaseAPIMeanTextConf(handle);
    float min = result.isEmpty() ? 0 : minSymbolConfidence(handle);
    api.TessBaseAPIClear(handle);
    return result.isEmpty() ? OcrText.NOTHING : new OcrText(result, min, mean);
  }

  private float minSymbolConfidence(TessBaseAPI handle) {
    ITessAPI.TessResultIterator it = api.TessBaseAPIGetIterator(handle);
    if (it == null) {
      return 0;
    }
    float min = 100;
    boolean any = false;
    try {
      do {
        Pointer symbol = api.TessResultIteratorGetUTF8Text(it, ITessAPI.TessPageIteratorLevel.RIL_SYMBOL);
        if (symbol != null) {
          api.TessDeleteText(symbol);
          min = Math.min(min, api.TessResultIteratorConfidence(it, ITessAPI.TessPageIteratorLevel.RIL_SYMBOL));
          any = true;
        }
      } while (api.TessResultIteratorNext(it, ITessAPI.TessPageIteratorLevel.RIL_SYMBOL) == ITessAPI.TRUE);
    } finally {
      api.TessResultIteratorDelete(it);
    }
    return any ? Math.max(0, min) : 0;
  }

  private ByteBuffer fill(GreyImage image) {
    int size = image.pixels().length;
    if (buffer.capacity() < size) {
      buffer = ByteBuffer.allocateDirect(Integer.highestOneBit(size) << 1);
    }
    buffer.clear();
    buffer.put(image.pixels()).flip();
    return buffer;
  }

  private TessBaseAPI init(Path tessdata, String languages) {
    TessBaseAPI handle = api.TessBaseAPICreate();
    int rc = api.TessBaseAPIInit2(handle, tessdata.toString(), languages, ITessAPI.TessOcrEngineMode.OEM_LSTM_ONLY);
    if (rc != 0) {
      api.TessBaseAPIDelete(handle);
      throw new IllegalStateException("Tesseract cannot load languages " + languages + " from " + tessdata);
    }
    // Tesseract's chatter (resolution guesses, empty pages) goes nowhere, not to the job's stderr.
    api.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
    return handle;
  }

  private static void requireData(Path tessdata, String languages) {
    for (String language : languages.split("\\+")) {
      if (!Files.isRegularFile(tessdata.resolve(language + ".traineddata"))) {
        throw new IllegalStateException("no Tesseract data for '" + language + "' in " + tessdata
            + " (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim; or set "
            + "qianhe.paper.tessdata)");
      }
    }
  }

  @Override
  public void close() {
    for (TessBaseAPI handle : new TessBaseAPI[] {text, codes}) {
      api.TessBaseAPIEnd(handle);
      api.TessBaseAPIDelete(handle);
    }
  }
}
