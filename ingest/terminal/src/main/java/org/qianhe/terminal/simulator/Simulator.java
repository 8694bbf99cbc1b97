package org.qianhe.terminal.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.json.ConsentJson;
import org.qianhe.terminal.client.Submission;
import org.qianhe.terminal.sdk.Faults;
import org.qianhe.terminal.sdk.RetryPolicy;
import org.qianhe.terminal.sdk.TerminalSdk;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command-line terminal simulator: several terminals, each with its {@link SimulatorKeys} key and
 * its own persistent offline queue ({@link TerminalSdk}), record realistic consents with evidence
 * and upload them until each has a receipt — through outages, with optional faults.
 *
 * <pre>
 * qianhe-simulator --url http://127.0.0.1:8081 --count 200 --terminals 4 --register --admin-token-file ./data/keys/ingest-admin.token
 * qianhe-simulator --count 50 --duplicates 0.2 --late 0.1 --late-by 20s --tamper 0.05
 * </pre>
 */
@Command(name = "qianhe-simulator", mixinStandardHelpOptions = true,
    description = "Simulated signing terminals uploading realistic consents to a Qianhe ingest service.")
public final class Simulator implements Callable<Integer> {

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8081", description = "ingest base URL (default: ${DEFAULT-VALUE})")
  URI url;

  @Option(names = "--count", defaultValue = "100", description = "consents to record in all (default: ${DEFAULT-VALUE})")
  int count;

  @Option(names = "--terminals", defaultValue = "4", description = "simulated terminals (default: ${DEFAULT-VALUE})")
  int terminals;

  @Option(names = "--seed", defaultValue = "42", description = "random seed; the same seed gives the same consents")
  long seed;

  @Option(names = "--suite", defaultValue = "GM", description = "crypto suite of the terminals: GM or INTL (default: ${DEFAULT-VALUE})")
  String suite;

  @Option(names = "--dir", defaultValue = "./data/terminals", description = "where the terminals keep their queues and receipts")
  Path dir;

  @Option(names = "--wait", defaultValue = "10m", converter = DurationConverter.class,
      description = "how long to wait for every consent to have a receipt (default: ${DEFAULT-VALUE})")
  Duration wait;

  @Option(names = "--register", description = "register the terminals' keys through the admin endpoint first")
  boolean register;

  @Option(names = "--admin-token", defaultValue = "${env:INGEST_ADMIN_TOKEN}", description = "admin token for --register")
  String adminToken;

  @Option(names = "--admin-token-file", defaultValue = "./data/keys/ingest-admin.token", description = "file of the admin token")
  Path adminTokenFile;

  @Option(names = "--duplicates", defaultValue = "0", description = "fault: share of consents sent twice")
  double duplicates;

  @Option(names = "--late", defaultValue = "0", description = "fault: share of consents held back before upload")
  double late;

  @Option(names = "--late-by", defaultValue = "30s", converter = DurationConverter.class, description = "fault: how long late consents are held back")
  Duration lateBy;

  @Option(names = "--tamper", defaultValue = "0", description = "fault: share of consents whose signature is corrupted (refused with 401)")
  double tamper;

  @Override
  public Integer call() throws Exception {
    CryptoSuite cryptoSuite = CryptoSuites.of(suite);
    ConsentGenerator generator = new ConsentGenerator(seed, Instant.now());
    List<String> sites = generator.allSiteCodes().subList(0, Math.min(terminals, generator.allSiteCodes().size()));
    if (register) {
      registerTerminals(cryptoSuite, sites);
    }
    Faults faults = new Faults(duplicates, late, lateBy, tamper, seed);
    Map<String, TerminalSdk> sdks = new LinkedHashMap<>();
    for (String site : sites) {
      String terminalId = ConsentGenerator.terminalId(site, 1);
      sdks.put(site, TerminalSdk.builder(terminalId, cryptoSuite, SimulatorKeys.of(cryptoSuite, terminalId), url,
          dir.resolve(terminalId)).faults(faults).retry(RetryPolicy.DEFAULT).build().start());
    }
    try {
      for (int i = 0; i < count; i++) {
        String site = sites.get(i % sites.size());
        ConsentUpload consent = generator.at(site.substring(0, 6), site, Instant.now().minusSeconds(60));
        Submission captured = SimulatedCapture.of(consent, cryptoSuite);
        sdks.get(site).record(captured.upload(), captured.evidence());
      }
      System.out.printf("%d consents recorded on %d terminals; uploading ...%n", count, sdks.size());
      boolean drained = true;
      for (TerminalSdk sdk : sdks.values()) {
        drained &= sdk.awaitEmpty(wait);
      }
      int receipts = sdks.values().stream().mapToInt(s -> s.receiptIds().size()).sum();
      int rejected = sdks.values().stream().mapToInt(s -> s.queue().rejected().size()).sum();
      int pending = sdks.values().stream().mapToInt(TerminalSdk::pending).sum();
      System.out.printf("receipts %d, refused %d, still queued %d (queues and receipts in %s)%n", receipts, rejected, pending, dir);
      return drained && rejected == 0 ? 0 : 1;
    } finally {
      for (TerminalSdk sdk : sdks.values()) {
        sdk.close();
      }
    }
  }

  private void registerTerminals(CryptoSuite cryptoSuite, List<String> sites) throws Exception {
    String token = adminToken != null && !adminToken.isBlank() ? adminToken.strip()
        : Files.readString(adminTokenFile, StandardCharsets.US_ASCII).strip();
    HttpClient http = HttpClient.newHttpClient();
    for (String site : sites) {
      String terminalId = ConsentGenerator.terminalId(site, 1);
      Map<String, String> body = Map.of("terminalId", terminalId, "siteCode", site, "regionCode", site.substring(0, 6),
          "cryptoSuite", cryptoSuite.name(), "publicKey", SimulatorKeys.of(cryptoSuite, terminalId).verificationKey().base64());
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("/v1/admin/terminals"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(ConsentJson.write(body))).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode answer = ConsentJson.mapper().readTree(response.body());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("registering " + terminalId + " failed: " + response.statusCode() + " " + answer.path("detail").asText());
      }
      System.out.printf("terminal %s registered (%s key %s)%n", terminalId, cryptoSuite.name(), answer.path("keyId").asText());
    }
  }

  /** Durations as 30s, 5m, 2h or ISO-8601. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(java.util.Locale.ROOT);
      if (v.startsWith("p")) {
        return Duration.parse(value);
      }
      long amount = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new CommandLine.TypeConversionException("not a duration: " + value);
      };
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Simulator()).execute(args));
  }
}
