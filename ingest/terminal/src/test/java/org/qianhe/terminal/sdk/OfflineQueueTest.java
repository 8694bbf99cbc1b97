package org.qianhe.terminal.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.model.ConsentUpload;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.terminal.client.Submission;
import org.qianhe.terminal.simulator.ConsentGenerator;
import org.qianhe.terminal.simulator.SimulatedCapture;

class OfflineQueueTest {

  @TempDir
  Path dir;

  private final ConsentGenerator generator = new ConsentGenerator(3, Instant.parse("2026-11-28T04:00:00Z"));

  @Test
  void queuedConsentsSurviveReopeningOldestFirstWithTheirEvidence() {
    OfflineQueue queue = OfflineQueue.open(dir, CryptoSuites.GM);
    Submission first = SimulatedCapture.of(generator.next(), CryptoSuites.GM);
    Submission second = SimulatedCapture.of(generator.next(), CryptoSuites.GM);
    queue.add(first);
    queue.add(second);

    OfflineQueue reopened = OfflineQueue.open(dir, CryptoSuites.GM);

    List<Submission> pending = reopened.pending();
    assertThat(pending).extracting(s -> s.upload().getConsentId())
        .containsExactly(first.upload().getConsentId(), second.upload().getConsentId());
    assertThat(pending.get(0).upload()).isEqualTo(first.upload());
    String photoId = first.upload().getEvidence().get(first.upload().getEvidence().size() - 1).getEvidenceId();
    assertThat(pending.get(0).evidence().get(photoId)).isEqualTo(first.evidence().get(photoId));
  }

  @Test
  void filesHoldNeitherIdentitiesNorImagesInClear() throws IOException {
    OfflineQueue queue = OfflineQueue.open(dir, CryptoSuites.INTL);
    ConsentUpload upload = generator.next();
    queue.add(SimulatedCapture.of(upload, CryptoSuites.INTL));

    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(content).doesNotContain(latin1(upload.getChild().getName()), upload.getChild().getIdNumber(),
            upload.getGuardian().getPhone(), "\u00FF\u00D8\u00FF", "FMR\u0000", "\u0089PNG");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void removeAndRejectTakeAConsentOutOfThePending() {
    OfflineQueue queue = OfflineQueue.open(dir, CryptoSuites.GM);
    Submission accepted = SimulatedCapture.of(generator.next(), CryptoSuites.GM);
    Submission refused = SimulatedCapture.of(generator.next(), CryptoSuites.GM);
    queue.add(accepted);
    queue.add(refused);

    queue.remove(accepted.upload().getConsentId());
    queue.reject(refused.upload().getConsentId(), 401, "{\"code\":\"SIGNATURE_INVALID\"}");

    assertThat(queue.size()).isZero();
    assertThat(queue.rejected()).containsExactly(refused.upload().getConsentId());
  }

  @Test
  void addingAConsentAgainReplacesIt() {
    OfflineQueue queue = OfflineQueue.open(dir, CryptoSuites.GM);
    Submission submission = SimulatedCapture.of(generator.next(), CryptoSuites.GM);

    queue.add(submission);
    queue.add(submission);

    assertThat(queue.size()).isEqualTo(1);
  }

  private static String latin1(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }
}
