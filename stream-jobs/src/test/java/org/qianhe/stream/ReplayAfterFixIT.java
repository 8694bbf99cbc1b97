package org.qianhe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.kafka.Topics;
import org.qianhe.ops.stack.LocalStack;
import org.qianhe.ops.stack.LocalStackExtension;
import org.qianhe.stream.replay.QuarantineReplayer;
import org.qianhe.stream.replay.ReplaySelection;

/**
 * Quarantine, fix, replay: a consent the job quarantined is archived once after the fix and the
 * replay, and a careless second replay of it (another replay group) ends in duplicates.
 */
@ExtendWith(LocalStackExtension.class)
class ReplayAfterFixIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1)
      .setNumberSlotsPerTaskManager(2)
      .build());

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  Path root;

  @Test
  void aQuarantinedConsentReplayedAfterTheFixIsArchivedOnceAndASecondReplayIsADuplicate(LocalStack stack)
      throws Exception {
    TestConsents consents = new TestConsents(77, Instant.now());
    ConsentRecord valid = consents.valid();
    // the terminal's clock ran an hour ahead: refused with a 5-minute skew allowance
    ConsentRecord aheadOfTime = consents.valid();
    aheadOfTime.setOccurredAt(aheadOfTime.getReceivedAt().plus(Duration.ofHours(1)));
    try (LiveJob live = LiveJob.on(stack, root, Map.of("validation.clock-skew", "5 min"))) {
      JobClient before = live.start();
      live.send(valid);
      live.send(aheadOfTime);
      live.flush();
      assertThat(LiveJob.await(TIMEOUT, () -> live.quarantinedKeys().contains(aheadOfTime.getConsentId())
          && live.stagedIds().contains(valid.getConsentId()))).isTrue();
      // the fix is deployed as an upgrade: stop with a savepoint, start the new version from it
      String savepoint = before.stopWithSavepoint(false, root.resolve("savepoints").toUri().toString(),
          SavepointFormatType.CANONICAL).get();
      StreamJobConfig fixed = live.config().with(Map.of("validation.clock-skew", "2 h"));
      JobClient after = live.start(fixed, null, LiveJob.fromSavepoint(savepoint));
      try {
        QuarantineReplayer.Settings group = new QuarantineReplayer.Settings(fixed.bootstrapServers(),
            fixed.quarantineTopic(), fixed.rawTopic(), "fix-clock-skew");
        assertThat(new QuarantineReplayer(group).replay(
            new ReplaySelection(Set.of("OCCURRED_AFTER_RECEIVED"), Set.of()), false).replayed()).isEqualTo(1);
        assertThat(LiveJob.await(TIMEOUT, () -> live.stagedIds().contains(aheadOfTime.getConsentId()))).isTrue();

        // the same quarantine replayed again under another group name
        QuarantineReplayer.Settings again = new QuarantineReplayer.Settings(fixed.bootstrapServers(),
            fixed.quarantineTopic(), fixed.rawTopic(), "fix-clock-skew-again");
        new QuarantineReplayer(again).replay(ReplaySelection.all(), false);
        assertThat(LiveJob.await(TIMEOUT, () -> live.duplicateKeys().contains(aheadOfTime.getConsentId()))).isTrue();
      } finally {
        after.cancel().get();
      }

      List<String> staged = live.stagedIds();
      assertThat(staged).containsExactlyInAnyOrder(valid.getConsentId(), aheadOfTime.getConsentId());
      assertThat(live.searchable(stack.elasticsearch().httpUrl(), staged)).isEqualTo(2);
      assertThat(live.duplicates()).singleElement().satisfies(d -> assertThat(
          new String(d.headers().lastHeader(Topics.HEADER_DUPLICATE_OF).value(), StandardCharsets.UTF_8))
          .isEqualTo(aheadOfTime.getConsentId()));
      assertThat(live.quarantinedKeys()).containsExactly(aheadOfTime.getConsentId());
    }
  }
}
