package org.qianhe.search.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Streams the CSV export to a file, reporting progress on stderr (rows so far, of the total the
 * service announced, and the rate). The file appears under its name only when complete: it is
 * written beside it first and moved into place.
 */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Every matching consent as CSV, streamed to a file.")
class ExportCommand implements Callable<Integer> {

  private static final long REPORT_EVERY_NANOS = 1_000_000_000L;

  @ParentCommand SearchCli cli;
  @Spec CommandSpec spec;
  @Mixin CriteriaOptions criteria;

  @Option(names = {"-o", "--output"}, required = true, description = "CSV file to write")
  Path output;

  @Override
  public Integer call() throws Exception {
    ApiClient api = cli.client(spec.commandLine().getErr());
    PrintWriter err = spec.commandLine().getErr();
    HttpResponse<InputStream> response = api.stream("v1/export.csv", criteria.params(), criteria.byIdNumber());
    long total = response.headers().firstValue("X-Total-Count").map(Long::parseLong).orElse(-1L);
    Path partial = output.resolveSibling(output.getFileName() + ".part");
    long rows;
    long started = System.nanoTime();
    try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(partial)) {
      rows = copy(in, out, total, started, err);
    } catch (IOException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
    err.printf("exported %d of %d consents to %s in %.1f s (%.0f rows/s)%n", rows, total, output, seconds, rows / seconds);
    return 0;
  }

  /** Copies the body, counting CSV lines (minus the header) as rows. */
  private static long copy(InputStream in, OutputStream out, long total, long started, PrintWriter err)
      throws IOException {
    byte[] buffer = new byte[1 << 16];
    long lines = 0;
    long lastReport = started;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          lines++;
        }
      }
      long now = System.nanoTime();
      if (now - lastReport >= REPORT_EVERY_NANOS) {
        lastReport = now;
        long rows = Math.max(0, lines - 1);
        err.printf("  %d / %d rows (%.0f%%), %.0f rows/s%n", rows, total, total > 0 ? 100.0 * rows / total : 0,
            rows / ((now - started) / 1e9));
      }
    }
    return Math.max(0, lines - 1);
  }
}
