package org.qianhe.paper.ocr;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import org.qianhe.paper.PaperConfig;

/**
 * A fixed set of Tesseract engines shared by the threads of a job: a thread borrows one for a
 * whole page and gives it back. Sized to the cores (each engine is single-threaded).
 */
public final class OcrEngines implements AutoCloseable {

  private final BlockingQueue<TesseractEngine> idle;
  private final List<TesseractEngine> all = new ArrayList<>();

  public OcrEngines(PaperConfig config) {
    this.idle = new ArrayBlockingQueue<>(config.engines());
    try {
      for (int i = 0; i < config.engines(); i++) {
        TesseractEngine engine = new TesseractEngine(config.tessdata(), config.textLanguages(), config.codeLanguages());
        all.add(engine);
        idle.add(engine);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Runs {@code work} with an engine of its own, waiting for one to be free. */
  public <T> T with(Function<TesseractEngine, T> work) {
    TesseractEngine engine;
    try {
      engine = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for an OCR engine", e);
    }
    try {
      return work.apply(engine);
    } finally {
      idle.add(engine);
    }
  }

  public int size() {
    return all.size();
  }

  @Override
  public void close() {
    all.forEach(TesseractEngine::close);
    all.clear();
  }
}
