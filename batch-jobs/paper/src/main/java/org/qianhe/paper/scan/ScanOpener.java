package org.qianhe.paper.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.qianhe.paper.PaperConfig;

/**
 * Opens the files of a scan batch, safely: the name is resolved inside the batch folder, the size
 * checked, the format told from the first bytes (never the name), and every parse and decode runs
 * under {@code qianhe.paper.limits.page-timeout}. Anything wrong is a {@link ScanRejectedException}
 * with a reason; nothing a file contains can crash or hang the job. Thread-safe; close it at the end.
 */
public final class ScanOpener implements AutoCloseable {

  static {
    // decode in memory, not through temporary files in java.io.tmpdir
    ImageIO.setUseCache(false);
  }

  private final PaperConfig config;
  private final ExecutorService executor;

  public ScanOpener(PaperConfig config) {
    this.config = config;
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "paper-decode-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens {@code name} (relative, as listed or as the manifest gives it) inside {@code batchDir}. */
  public ScanDocument open(Path batchDir, String name) throws ScanRejectedException {
    Path file = SafeNames.resolve(batchDir, name);
    if (!Files.isRegularFile(file)) {
      throw new ScanRejectedException(RejectReason.NOT_A_FILE, name, 0, "missing, a folder or a device");
    }
    long size;
    byte[] head = new byte[16];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      size = Files.size(file);
      read = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new ScanRejectedException(RejectReason.IO_ERROR, name, 0, e.getClass().getSimpleName());
    }
    if (size == 0) {
      throw new ScanRejectedException(RejectReason.EMPTY_FILE, name, 0, "0 bytes");
    }
    if (size > config.maxFileBytes()) {
      throw new ScanRejectedException(RejectReason.FILE_TOO_LARGE, name, 0, size + " bytes");
    }
    ScanFormat format = ScanFormat.sniff(head, read);
    return switch (format) {
      case PDF -> PdfScan.open(name, file.toFile(), config, executor);
      case PNG -> ImageScan.open(name, file.toFile(), "png", config, executor);
      case JPEG -> ImageScan.open(name, file.toFile(), "jpeg", config, executor);
      case TIFF -> ImageScan.open(name, file.toFile(), "tiff", config, executor);
      case UNKNOWN -> throw new ScanRejectedException(RejectReason.UNSUPPORTED_FORMAT, name, 0, "unknown leading bytes");
    };
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
