package org.qianhe.ops.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One command of the batch-jobs CLI run to its end in a child JVM from the executable jar, as cron
 * runs it in production. Its output goes to the log file and, line by line, to the caller (the
 * jobs print progress and codes, never a person's data).
 */
final class BatchJobCommand {

  private BatchJobCommand() {}

  /** @return the command's exit code (0 done, 2 configuration refused, 1 failed; see batch-jobs README) */
  static int run(Path jar, List<String> args, Path log, Duration timeout, Consumer<String> output) {
    List<String> command = ServiceProcess.javaJar(jar, "-Xmx1g");
    command.addAll(args);
    try {
      Files.createDirectories(log.getParent());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      Thread copier = new Thread(() -> copyOutput(process, log, output), "batch-jobs-output");
      copier.setDaemon(true);
      copier.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(args.get(0) + " did not finish within " + timeout + "; log: " + log);
      }
      copier.join(TimeUnit.SECONDS.toMillis(5));
      return process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + jar + "; log: " + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + args.get(0) + " ran", e);
    }
  }

  private static void copyOutput(Process process, Path log, Consumer<String> output) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
             StandardOpenOption.APPEND)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        file.write(line);
        file.write('\n');
        file.flush();
        output.accept(line);
      }
    } catch (IOException e) {
      // the process was killed (timeout) or the log cannot be written: the exit code tells the caller
    }
  }
}
