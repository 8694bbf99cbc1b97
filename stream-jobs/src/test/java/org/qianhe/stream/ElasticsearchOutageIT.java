package org.qianhe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.ops.stack.ElasticsearchNode;
import org.qianhe.ops.stack.ElasticsearchNodeSettings;
import org.qianhe.ops.stack.LocalStack;
import org.qianhe.ops.stack.LocalStackExtension;

/**
 * Elasticsearch stopped for at least 30 s under load loses nothing: the job holds what it cannot index,
 * back-pressures Kafka, and catches up when the node is back; the index then equals staging.
 *
 * <p>The shared node of the local stack has no stop/restart, so this test starts a node of its own
 * (with the local stack's {@link ElasticsearchNode}, in a directory it keeps) and stops it and
 * starts it again on the same data and port.
 */
@ExtendWith(LocalStackExtension.class)
class ElasticsearchOutageIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1)
      .setNumberSlotsPerTaskManager(2)
      .build());

  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Duration MAX_OUTAGE = Duration.ofSeconds(120);

  @TempDir
  Path root;

  @TempDir
  Path elasticsearchDir;

  @Test
  void aThirtySecondOutageUnderLoadLosesNothingAndTheIndexCatchesUp(LocalStack stack) throws Exception {
    ElasticsearchNodeSettings settings = ElasticsearchNodeSettings.defaults().withBaseDir(elasticsearchDir);
    ElasticsearchNode node = ElasticsearchNode.start(settings);
    String url = node.httpUrl();
    ConsentLoad load = new ConsentLoad(303);
    try (LiveJob live = LiveJob.on(stack, root, Map.of("elasticsearch.url", url,
        // the shared writer gives up after its retries; the operator then holds and resends every second
        "elasticsearch.bulk-max-retries", "2", "elasticsearch.outage-retry-interval", "1 s"))) {
      JobClient job = live.start(live.config(), null, LiveJob.restarting(3));
      try {
        // paced by the clock: 5,000 at 90/s leave more than 2,000 to send after the node stops, even when
        // the first 100 take the whole 30 s to be staged (a slow machine; 4,000 then left too few)
        Thread sending = load.sendInBackground(live, 5000, 90);
        assertThat(LiveJob.await(Duration.ofSeconds(30), () -> live.stagedIds().size() > 100)).isTrue();

        node.close();
        int sentWhenStopped = load.sent();
        Thread.sleep(OUTAGE.toMillis());
        // a slow or busy machine sends more slowly: the outage then lasts until the load has gone
        // on through it, so what is proven does not depend on the machine's speed
        assertThat(LiveJob.await(MAX_OUTAGE.minus(OUTAGE), () -> load.sent() - sentWhenStopped > 1500))
            .as("load went on during the outage").isTrue();
        node = ElasticsearchNode.start(settings.withHttpPort(node.port()));

        sending.join();
        // held consents are resent within seconds; a bulk client that lost a request during the outage
        // is given up after ConsentBulkWriter.STALL_LIMIT and replaced by a restart from the checkpoint
        assertThat(LiveJob.await(Duration.ofSeconds(300), () -> Reconciliation.outputs(live) >= load.sent()))
            .as("the index caught up").isTrue();
        Thread.sleep(2500);
        // held, not failed: the job kept running through the outage
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
      } finally {
        job.cancel().get();
      }
      List<String> staged = live.stagedIds();
      assertThat(staged).hasSizeGreaterThan(3200);
      Reconciliation.assertExactlyOnce(live, load.sentKeys(), url);
    } finally {
      node.close();
    }
  }
}
