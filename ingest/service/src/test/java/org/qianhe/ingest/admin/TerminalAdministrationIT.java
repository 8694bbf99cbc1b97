package org.qianhe.ingest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.ingest.IngestApplication;
import org.qianhe.ingest.keys.AdminToken;
import org.qianhe.ingest.terminal.TerminalRegistry;
import org.qianhe.ingest.terminal.TerminalStatus;
import org.qianhe.model.crypto.CryptoSuites;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * The administration endpoint and the CLI that drives it, against the service as a bare machine
 * runs it (embedded H2, admin token created in the data directory). Kafka is not needed here.
 */
class TerminalAdministrationIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dataDir;

  private static ConfigurableApplicationContext app;
  private static URI baseUri;

  @BeforeAll
  static void start() {
    app = IngestApplication.start("--server.port=0", "--qianhe.data-dir=" + dataDir,
        "--qianhe.ingest.kafka.bootstrap-servers=127.0.0.1:9");
    baseUri = URI.create("http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port"));
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void firstStartCreatesAnOwnerOnlyTokenFile() throws Exception {
    Path token = dataDir.resolve(AdminToken.FILE);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
    assertThat(Files.readString(token).strip()).hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  void cliGeneratesAKeyRegistersListsShowsAndRevokesATerminal() throws Exception {
    Path prefix = dataDir.resolve("T-cli-1");
    Cli keygen = cli("keygen", "--suite", "INTL", "--out", prefix.toString());
    assertThat(keygen.exit).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(prefix + ".key")))).isEqualTo("rw-------");
    String keyId = CryptoSuites.INTL.verificationKey(java.util.Base64.getDecoder().decode(
        AdminCli.PublicKeyFiles.base64(Files.readAllBytes(Path.of(prefix + ".pub"))))).keyId();

    Cli register = cli("terminals", "register", "--id", "T-cli-1", "--site", "410102001", "--region", "410102",
        "--suite", "INTL", "--public-key", prefix + ".pub", "--url", baseUri.toString(), "--token-file", tokenFile());
    Cli list = cli("terminals", "list", "--url", baseUri.toString(), "--token-file", tokenFile());
    Cli revoke = cli("terminals", "revoke", "--id", "T-cli-1", "--url", baseUri.toString(), "--token-file", tokenFile());
    Cli show = cli("terminals", "show", "--id", "T-cli-1", "--url", baseUri.toString(), "--token-file", tokenFile());

    assertThat(register.exit).as(register.err).isZero();
    assertThat(JSON.readTree(register.out).path("keyId").asText()).isEqualTo(keyId);
    assertThat(list.out).contains("T-cli-1").contains("INTL").contains(keyId).contains("ACTIVE");
    assertThat(revoke.exit).isZero();
    assertThat(JSON.readTree(show.out).path("status").asText()).isEqualTo("REVOKED");
    assertThat(app.getBean(TerminalRegistry.class).find("T-cli-1")).get()
        .extracting(t -> t.status()).isEqualTo(TerminalStatus.REVOKED);
  }

  @Test
  void cliReportsARefusalWithoutAStackTrace() throws Exception {
    Cli revoke = cli("terminals", "revoke", "--id", "T-nobody", "--url", baseUri.toString(), "--token-file", tokenFile());
    Cli wrongToken = cli("terminals", "list", "--url", baseUri.toString(), "--token", "not-the-token");

    assertThat(revoke.exit).isEqualTo(1);
    assertThat(revoke.err).startsWith("error: 404 Terminal not found").doesNotContain("at org.");
    assertThat(wrongToken.exit).isEqualTo(1);
    assertThat(wrongToken.err).contains("401");
  }

  @Test
  void endpointRefusesRequestsWithoutTheToken() throws Exception {
    HttpResponse<String> none = send(HttpRequest.newBuilder(baseUri.resolve("/v1/admin/terminals")).GET());
    HttpResponse<String> wrong = send(HttpRequest.newBuilder(baseUri.resolve("/v1/admin/terminals"))
        .header("Authorization", "Bearer " + token() + "x").GET());
    HttpResponse<String> basic = send(HttpRequest.newBuilder(baseUri.resolve("/v1/admin/terminals"))
        .header("Authorization", "Basic " + token()).GET());

    for (HttpResponse<String> response : List.of(none, wrong, basic)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(JSON.readTree(response.body()).path("type").asText()).isEqualTo("urn:qianhe:problem:admin-unauthorized");
    }
  }

  @Test
  void invalidRegistrationNamesEveryBadField() throws Exception {
    String body = """
        {"terminalId": "T 1/..", "siteCode": "", "regionCode": "41010", "cryptoSuite": "RSA", "publicKey": "AAAA"}""";

    HttpResponse<String> response = send(authorised("/v1/admin/terminals")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("type").asText()).isEqualTo("urn:qianhe:problem:invalid-registration");
    List<String> fields = new ArrayList<>();
    problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("terminalId", "siteCode", "regionCode", "cryptoSuite");
  }

  @Test
  void aKeyOfTheWrongSuiteIsRefused() throws Exception {
    String gmKey = CryptoSuites.GM.generateSigningKey(new SecureRandom()).verificationKey().base64();
    String body = "{\"terminalId\": \"T-x\", \"siteCode\": \"410102001\", \"regionCode\": \"410102\","
        + " \"cryptoSuite\": \"INTL\", \"publicKey\": \"" + gmKey + "\"}";

    HttpResponse<String> response = send(authorised("/v1/admin/terminals")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("errors").get(0).path("field").asText()).isEqualTo("publicKey");
    assertThat(app.getBean(TerminalRegistry.class).find("T-x")).isEmpty();
  }

  @Test
  void registrationWithoutSuiteTakesTheDeploymentsSuite() throws Exception {
    String gmKey = CryptoSuites.GM.generateSigningKey(new SecureRandom()).verificationKey().base64();
    String body = "{\"terminalId\": \"T-default\", \"siteCode\": \"410102001\", \"regionCode\": \"410102\","
        + " \"publicKey\": \"" + gmKey + "\"}";

    HttpResponse<String> response = send(authorised("/v1/admin/terminals")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("cryptoSuite").asText()).isEqualTo("GM");
  }

  private static HttpRequest.Builder authorised(String path) throws Exception {
    return HttpRequest.newBuilder(baseUri.resolve(path)).header("Authorization", "Bearer " + token());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String tokenFile() {
    return dataDir.resolve(AdminToken.FILE).toString();
  }

  private static String token() throws Exception {
    return Files.readString(dataDir.resolve(AdminToken.FILE)).strip();
  }

  private static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = AdminCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }

  private record Cli(int exit, String out, String err) {}
}
