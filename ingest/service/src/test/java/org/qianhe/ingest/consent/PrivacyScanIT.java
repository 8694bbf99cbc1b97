package org.qianhe.ingest.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.qianhe.model.ConfirmationMethod;
import org.qianhe.model.ConsentUpload;
import org.qianhe.terminal.client.Submission;

/**
 * The scans of acceptance 3: the evidence store holds no JPEG, PNG or fingerprint-template
 * signature and none of the evidence bytes that were uploaded; {@code consent.raw} and the
 * service's log hold no raw name, ID number or phone.
 *
 * <p>Signatures are matched whole (JPEG SOI + JFIF APP0, 11 bytes; PNG, 8 bytes; ISO 19794-2
 * {@code FMR\0 20\0}, 8 bytes) and at the start of every file: a three-byte JPEG marker alone
 * occurs by chance in a few of every thousand 50 KB ciphertexts.
 */
@org.junit.jupiter.api.extension.ExtendWith(RunningIngest.Lifecycle.class)
class PrivacyScanIT {

  private static final byte[] JPEG_JFIF = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0};
  private static final byte[] JPEG_SOI = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] FMR = {'F', 'M', 'R', 0, ' ', '2', '0', 0};

  @Test
  void neitherTheEvidenceStoreNorConsentRawNorTheLogHoldsPlaintext() throws Exception {
    RunningIngest ingest = RunningIngest.get();
    Map<TopicPartition, Long> before = ingest.endOffsets();
    List<Submission> sent = new ArrayList<>();
    List<String> identities = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ConfirmationMethod method = i % 3 == 0 ? ConfirmationMethod.E_PEN : ConfirmationMethod.BIOMETRIC;
      ConsentUpload upload = Uploads.registered(ingest.terminals, ConsentUploadIT.withMethod(method, 8000 + i));
      Submission submission = Uploads.submission(upload);
      assertThat(ingest.client.send(submission).status()).isEqualTo(202);
      sent.add(submission);
      identities.addAll(Uploads.identitiesOf(upload));
    }

    byte[] photo = sent.get(1).evidence().get(sent.get(1).upload().getEvidence().get(1).getEvidenceId());
    assertThat(startsWith(photo, JPEG_JFIF)).as("the scan would see the photos").isTrue();
    List<Path> files = ingest.evidenceFiles();
    assertThat(files).isNotEmpty();
    List<String> findings = new ArrayList<>();
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      if (startsWith(bytes, JPEG_SOI) || startsWith(bytes, PNG) || startsWith(bytes, FMR)) {
        findings.add(file.getFileName() + ": starts like an image or template");
      }
      for (byte[] signature : List.of(JPEG_JFIF, PNG, FMR)) {
        if (indexOf(bytes, signature) >= 0) {
          findings.add(file.getFileName() + ": holds a format signature");
        }
      }
      for (Submission submission : sent) {
        for (byte[] evidence : submission.evidence().values()) {
          for (int at = 64; at + 32 <= evidence.length; at += Math.max(64, evidence.length / 16)) {
            if (indexOf(bytes, Arrays.copyOfRange(evidence, at, at + 32)) >= 0) {
              findings.add(file.getFileName() + ": holds uploaded evidence bytes");
            }
          }
        }
      }
    }
    assertThat(findings).as("plaintext in the evidence store").isEmpty();

    List<ConsumerRecord<String, byte[]>> produced = ingest.recordsSince(before, sent.size());
    for (ConsumerRecord<String, byte[]> record : produced) {
      String value = new String(record.value(), StandardCharsets.ISO_8859_1);
      assertThat(Uploads.leaked(value, ConsentUploadIT.utf8AsLatin1(identities))).as("identities in consent.raw").isEmpty();
    }
    String log = Files.readString(ingest.logFile(), StandardCharsets.UTF_8);
    assertThat(log).contains("Tomcat started on port"); // the scan reads the service's log indeed
    assertThat(Uploads.leaked(log, identities)).as("identities in the service log").isEmpty();
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length && Arrays.equals(Arrays.copyOf(bytes, prefix.length), prefix);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
