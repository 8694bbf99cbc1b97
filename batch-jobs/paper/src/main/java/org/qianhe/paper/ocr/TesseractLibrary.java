package org.qianhe.paper.ocr;

import com.sun.jna.Library;
import com.sun.jna.Native;
import net.sourceforge.tess4j.TessAPI;

/**
 * Loads the machine's libtesseract (Debian: tesseract 5.3) once, through tess4j's JNA mapping of
 * its C API. tess4j's own loader is bypassed: it unpacks Windows libraries and drags file helpers
 * in, and its BufferedImage paths need a leptonica Debian does not ship (DESIGN.md section 12).
 */
final class TesseractLibrary {

  private interface C extends Library {
    int setenv(String name, String value, int overwrite);
  }

  private static volatile TessAPI api;

  private TesseractLibrary() {}

  static TessAPI api() {
    TessAPI loaded = api;
    if (loaded == null) {
      synchronized (TesseractLibrary.class) {
        loaded = api;
        if (loaded == null) {
          api = loaded = load();
        }
      }
    }
    return loaded;
  }

  private static TessAPI load() {
    // libgomp reads OMP_THREAD_LIMIT once, when libtesseract pulls it in. One engine per core is
    // faster than engines whose OpenMP threads fight over the same two cores; an operator's own
    // setting is kept (overwrite = 0).
    Native.load("c", C.class).setenv("OMP_THREAD_LIMIT", "1", 0);
    try {
      return Native.load("tesseract", TessAPI.class);
    } catch (UnsatisfiedLinkError e) {
      throw new IllegalStateException("libtesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-chi-sim", e);
    }
  }
}
