package org.qianhe.batch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.qianhe.batch.cli.BatchCli;

/** Runs the batch-jobs CLI in this JVM against the test PostgreSQL, capturing what it prints. */
public final class Cli {

  public static final String DB_SCHEMA = "qianhe_batch_it";
  public static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + DB_SCHEMA;

  public record Result(int exitCode, String output) {}

  private Cli() {}

  /** The job repository's schema; Spring Batch's script then creates its tables in it. */
  public static void createSchema() {
    try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
      connection.createStatement().execute("CREATE SCHEMA IF NOT EXISTS " + DB_SCHEMA);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 (database test, user postgres) is needed", e);
    }
  }

  public static List<String> springArgs(String root) {
    return List.of("--qianhe.batch.root=" + root, "--spring.datasource.url=" + DB_URL,
        "--spring.datasource.username=postgres", "--spring.datasource.password=");
  }

  public static Result run(String root, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(springArgs(root));
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream tee = new PrintStream(new java.io.OutputStream() {
      @Override
      public void write(int b) {
        captured.write(b);
        original.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        captured.write(b, off, len);
        original.write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8);
    System.setOut(tee);
    try {
      int code = BatchCli.run(all.toArray(String[]::new));
      return new Result(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }
}
