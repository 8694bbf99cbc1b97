package org.qianhe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.ops.stack.LocalStack;
import org.qianhe.ops.stack.LocalStackExtension;
import org.qianhe.stream.elasticsearch.ElasticsearchIndexFactory;
import org.qianhe.stream.records.RawConsent;

/**
 * Nothing lost, nothing doubled (DESIGN.md section 6) when tasks fail under load and when the job
 * is stopped with a savepoint under load and started again from it, as an upgrade would.
 */
@ExtendWith(LocalStackExtension.class)
class FailureRecoveryIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1)
      .setNumberSlotsPerTaskManager(2)
      .build());

  private static final Duration CATCH_UP = Duration.ofSeconds(90);

  @TempDir
  Path root;

  @Test
  void tasksKilledUnderLoadRestartFromTheirCheckpointWithoutLossOrDuplicate(LocalStack stack) throws Exception {
    ConsentLoad load = new ConsentLoad(101);
    try (LiveJob live = LiveJob.on(stack, root, Map.of())) {
      FailingIndex failing = new FailingIndex(new ElasticsearchIndexFactory(live.config().elasticsearch()), 600, 3);
      JobClient job = live.start(live.config(), failing, LiveJob.restarting(10));
      try {
        load.sendInBackground(live, 2400, 300).join();
        assertThat(LiveJob.await(CATCH_UP, () -> Reconciliation.outputs(live) >= load.sent())).isTrue();
        // anything late (a second copy from a replayed transaction) has had two more checkpoints
        Thread.sleep(2500);
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      } finally {
        job.cancel().get();
      }
      assertThat(failing.failuresInjected()).isEqualTo(3);
      Reconciliation.assertExactlyOnce(live, load.sentKeys(), stack.elasticsearch().httpUrl());
    }
  }

  @Test
  void aSavepointTakenUnderLoadRestoresIntoARestartedJobWithoutLossOrDuplicate(LocalStack stack) throws Exception {
    ConsentLoad load = new ConsentLoad(202);
    try (LiveJob live = LiveJob.on(stack, root, Map.of())) {
      JobClient first = live.start(live.config(), null, LiveJob.restarting(3));
      Thread sending = load.sendInBackground(live, 1600, 200);
      assertThat(LiveJob.await(CATCH_UP, () -> live.stagedIds().size() > 200)).isTrue();
      String savepoint = first.stopWithSavepoint(false, root.resolve("savepoints").toUri().toString(),
          SavepointFormatType.CANONICAL).get();
      JobClient second = live.start(live.config(), null, LiveJob.fromSavepoint(savepoint));
      try {
        sending.join();
        // terminal retries of consents the first job kept: the restored dedup state must know them
        for (int i = 0; i < 50; i++) {
          RawConsent retry = load.retryOfAnEarlierOne();
          live.send(retry.key(), retry.value());
        }
        live.flush();
        assertThat(LiveJob.await(CATCH_UP, () -> Reconciliation.outputs(live) >= load.sent())).isTrue();
        Thread.sleep(2500);
      } finally {
        second.cancel().get();
      }
      Reconciliation.assertExactlyOnce(live, load.sentKeys(), stack.elasticsearch().httpUrl());
    }
  }
}
