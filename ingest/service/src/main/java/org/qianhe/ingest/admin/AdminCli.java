package org.qianhe.ingest.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qianhe.ingest.keys.AdminToken;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.crypto.SigningKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar qianhe-ingest-service-exec.jar admin ...}: the administration CLI. It talks to a
 * running service's {@code /v1/admin} endpoint with the admin token, so the CLI and the endpoint
 * are one path with one authorisation and one log.
 *
 * <pre>
 * admin terminals register --id T41010200101 --site 410102001 --region 410102 --public-key terminal.pub [--suite GM]
 * admin terminals list
 * admin terminals show --id T41010200101
 * admin terminals revoke --id T41010200101
 * admin keygen --suite GM --out ./terminal-key      (writes terminal-key.pub and terminal-key.key)
 * </pre>
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
    description = "Administers a running Qianhe ingest service.",
    subcommands = {AdminCli.Terminals.class, AdminCli.KeyGen.class})
public final class AdminCli implements Callable<Integer> {

  @Spec
  CommandLine.Model.CommandSpec spec;

  /** Runs the CLI with the arguments that followed {@code admin}; returns the exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The CLI, printing a failed call's status and problem (not a stack trace) and exiting with 1. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new AdminCli());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + e.getMessage());
      commandLine.getErr().flush();
      return 1;
    });
    return cli;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  /** Where the service is and how to prove being its administrator. */
  static final class Connection {
    @Option(names = "--url", defaultValue = "${env:INGEST_URL:-http://127.0.0.1:8081}",
        description = "ingest base URL (env INGEST_URL; default ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--token", defaultValue = "${env:INGEST_ADMIN_TOKEN}",
        description = "admin token (env INGEST_ADMIN_TOKEN); otherwise read from --token-file")
    String token;

    @Option(names = "--token-file", defaultValue = "./data/keys/ingest-admin.token",
        description = "file holding the admin token (default ${DEFAULT-VALUE}: the embedded default's)")
    Path tokenFile;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
      HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + token())
          .header("Accept", "application/json");
      if (body != null) {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      } else {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(response.statusCode() + " " + answer.path("title").asText() + ": " + answer.path("detail").asText()
                + (answer.has("errors") ? " " + answer.get("errors") : ""));
      }
      return answer;
    }

    private String token() throws IOException {
      if (token != null && !token.isBlank()) {
        return token.strip();
      }
      return Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
    }
  }

  @Command(name = "terminals", mixinStandardHelpOptions = true, description = "Registers, lists and revokes terminals.",
      subcommands = {Register.class, ListTerminals.class, Show.class, Revoke.class})
  static final class Terminals implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().usage(spec.commandLine().getOut());
      return 2;
    }
  }

  @Command(name = "register", mixinStandardHelpOptions = true,
      description = "Registers a terminal with its public key, or re-keys or moves a registered one.")
  static final class Register implements Callable<Integer> {
    @Mixin Connection connection;
    @Option(names = "--id", required = true, description = "terminal id") String id;
    @Option(names = "--site", required = true, description = "site code") String site;
    @Option(names = "--region", required = true, description = "6-digit region code") String region;
    @Option(names = "--suite", description = "GM or INTL (default: the service's)") String suite;
    @Option(names = "--public-key", required = true,
        description = "public key file: DER or PEM SubjectPublicKeyInfo, or one base64 line") Path publicKey;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("terminalId", id);
      body.put("siteCode", site);
      body.put("regionCode", region);
      body.put("cryptoSuite", suite);
      body.put("publicKey", PublicKeyFiles.base64(Files.readAllBytes(publicKey)));
      print(spec, connection.call("POST", "/v1/admin/terminals", body));
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every registered terminal.")
  static final class ListTerminals implements Callable<Integer> {
    @Mixin Connection connection;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-24s %-12s %-8s %-8s %-6s %-18s %s%n", "TERMINAL", "SITE", "REGION", "STATUS", "SUITE", "KEY ID", "UPDATED");
      for (JsonNode t : connection.call("GET", "/v1/admin/terminals", null)) {
        out.printf("%-24s %-12s %-8s %-8s %-6s %-18s %s%n", t.path("terminalId").asText(), t.path("siteCode").asText(),
            t.path("regionCode").asText(), t.path("status").asText(), t.path("cryptoSuite").asText("-"),
            t.path("keyId").asText("-"), t.path("updatedAt").asText());
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one terminal.")
  static final class Show implements Callable<Integer> {
    @Mixin Connection connection;
    @Option(names = "--id", required = true, description = "terminal id") String id;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      print(spec, connection.call("GET", "/v1/admin/terminals/" + id, null));
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revokes a terminal: every later upload of it is refused (403 TERMINAL_REVOKED).")
  static final class Revoke implements Callable<Integer> {
    @Mixin Connection connection;
    @Option(names = "--id", required = true, description = "terminal id") String id;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      print(spec, connection.call("POST", "/v1/admin/terminals/" + id + "/revoke", null));
      return 0;
    }
  }

  @Command(name = "keygen", mixinStandardHelpOptions = true,
      description = "Generates a terminal key pair: <out>.key (PKCS#8 PEM, keep it on the terminal) and <out>.pub (to register).")
  static final class KeyGen implements Callable<Integer> {
    @Option(names = "--suite", defaultValue = "GM", description = "GM or INTL (default ${DEFAULT-VALUE})") String suite;
    @Option(names = "--out", required = true, description = "path prefix of the two files") Path out;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      CryptoSuite cryptoSuite = CryptoSuites.of(suite);
      SigningKey key = cryptoSuite.generateSigningKey(new SecureRandom());
      Path privateFile = Path.of(out + ".key");
      Path publicFile = Path.of(out + ".pub");
      Files.writeString(privateFile, PublicKeyFiles.pem("PRIVATE KEY", key.encoded()));
      try {
        Files.setPosixFilePermissions(privateFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the file keeps its default permissions
      }
      Files.writeString(publicFile, PublicKeyFiles.pem("PUBLIC KEY", key.verificationKey().encoded()));
      spec.commandLine().getOut().printf("%s key %s written to %s and %s%n", cryptoSuite.name(), key.keyId(),
          privateFile, publicFile);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  private static void print(CommandLine.Model.CommandSpec spec, JsonNode node) {
    spec.commandLine().getOut().println(node.toPrettyString());
    spec.commandLine().getOut().flush();
  }

  /** Key files as people hand them around: PEM, DER or a bare base64 line. */
  static final class PublicKeyFiles {
    private PublicKeyFiles() {}

    static String base64(byte[] file) {
      String text = new String(file, StandardCharsets.US_ASCII);
      if (text.contains("-----BEGIN")) {
        return text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      }
      if (file.length > 0 && file[0] == 0x30) {
        return Base64.getEncoder().encodeToString(file); // DER: a SEQUENCE
      }
      return text.strip();
    }

    static String pem(String type, byte[] der) {
      return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
  }
}
