package org.qianhe.search.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qianhe-search}: scripted searches and exports against the search service's REST API.
 * Run it from the service's jar:
 * {@code java -Dloader.main=org.qianhe.search.cli.SearchCli -jar qianhe-search-service-<v>-exec.jar trace --lot 202101A}.
 *
 * <p>Credentials: {@code --user} (or {@code QIANHE_SEARCH_USER}) and the password from
 * {@code QIANHE_SEARCH_PASSWORD}, {@code --password-file}, or a prompt; never from the command line,
 * where other users of the machine could read it. Exit codes: 0 done, 1 refused or failed
 * (the service's reason on stderr), 2 wrong usage.
 */
@Command(name = "qianhe-search", mixinStandardHelpOptions = true, version = "qianhe-search 1",
    description = "Trace vaccination consents through the Qianhe search API.",
    subcommands = {TraceCommand.class, StatsCommand.class, ExportCommand.class, ShowCommand.class,
        UnmaskCommand.class, EvidenceCommand.class})
public final class SearchCli implements Callable<Integer> {

  static final String DEFAULT_URL = "http://127.0.0.1:8082";

  @Option(names = "--url", description = "search service URL (default: env QIANHE_SEARCH_URL, else " + DEFAULT_URL + ")")
  String url;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--user", description = "user name (default: env QIANHE_SEARCH_USER)")
  String user;

  @Option(names = "--password-file", description = "file whose first line is the password")
  Path passwordFile;

  private final Map<String, String> env;

  public SearchCli(Map<String, String> env) {
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv(), new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8)).execute(args));
  }

  /** The command line with its output streams, for {@link #main} and for tests. */
  public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new SearchCli(env));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      if (e instanceof ApiClient.ApiException api) {
        command.getErr().println("refused (" + api.status() + "): " + api.getMessage());
      } else {
        command.getErr().println("failed: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      }
      return 1;
    });
    return cli;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  ApiClient client(PrintWriter err) throws IOException {
    String base = url != null ? url : env.getOrDefault("QIANHE_SEARCH_URL", DEFAULT_URL);
    String name = user != null ? user : env.get("QIANHE_SEARCH_USER");
    if (name == null || name.isBlank()) {
      throw new IOException("no user name: give --user or set QIANHE_SEARCH_USER");
    }
    return new ApiClient(URI.create(base.endsWith("/") ? base : base + "/"), name, password(err));
  }

  private char[] password(PrintWriter err) throws IOException {
    if (passwordFile != null) {
      return Files.readAllLines(passwordFile, StandardCharsets.UTF_8).get(0).strip().toCharArray();
    }
    String fromEnv = env.get("QIANHE_SEARCH_PASSWORD");
    if (fromEnv != null) {
      return fromEnv.toCharArray();
    }
    if (System.console() != null) {
      return System.console().readPassword("password: ");
    }
    err.println("no password: set QIANHE_SEARCH_PASSWORD or give --password-file");
    throw new IOException("no password");
  }
}
