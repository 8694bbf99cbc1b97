package org.qianhe.ops.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Spring Boot service of ours as a child JVM started from its executable jar, as it runs in
 * production: its own class path, its own configuration, stopped with the pipeline. Ready when
 * its actuator health answers.
 */
final class ServiceProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private ServiceProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static ServiceProcess start(String name, Path jar, int port, Path logDir, List<String> args, Duration timeout) {
    int chosen = port == 0 ? freePort() : port;
    List<String> command = javaJar(jar, "-Xmx512m", "-XX:+UseSerialGC");
    command.add("--server.port=" + chosen);
    command.addAll(args);
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      ServiceProcess service = new ServiceProcess(name, process, chosen, log);
      // A child JVM outlives its parent unless told otherwise: stop it when this JVM exits.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-" + name));
      service.awaitHealthy(timeout);
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " from " + jar, e);
    }
  }

  /**
   * {@code java <options> -jar <jar>} on this JVM's Java, marked with QIANHE_RUN_ID so that
   * ops/run-local.sh can always stop every process of one run. A mutable list, for the arguments.
   */
  static List<String> javaJar(Path jar, String... jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.add("-Dqianhe.run-id=" + System.getenv().getOrDefault("QIANHE_RUN_ID", "qianhe-local"));
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  private void awaitHealthy(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(uri().resolve("/actuator/health")).timeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; log: " + log + "\n" + tail());
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      sleep(250);
    }
    close();
    throw new IllegalStateException(name + " was not healthy within " + timeout + "; log: " + log + "\n" + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
