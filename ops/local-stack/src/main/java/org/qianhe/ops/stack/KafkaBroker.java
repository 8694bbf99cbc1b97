package org.qianhe.ops.stack;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.BrokerServer;

/**
 * A single in-process Kafka broker in KRaft combined mode (one node is broker and controller),
 * from Kafka's own test kit. Starts in about a second and holds its data in a temporary directory
 * that is deleted on close.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    /**
     * A single node cannot replicate: internal topics must ask for one replica, or transactions
     * and consumer groups never start. Transactions may last up to the 15 minutes that sinks are
     * told to stay below (DESIGN.md section 12). Topics are created on purpose, never by a typo.
     * The test kit enables unstable APIs by default; we serve what production serves.
     * A restarted broker is refused until the controller expires its old session, so the session is
     * 4 s instead of 9 s (heartbeats every second keep it alive in between).
     */
    static final Map<String, String> BROKER_CONFIG = Map.of(
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "offsets.topic.replication.factor", "1",
            "transaction.max.timeout.ms", "900000",
            "auto.create.topics.enable", "false",
            "group.initial.rebalance.delay.ms", "0",
            "unstable.api.versions.enable", "false",
            "broker.session.timeout.ms", "4000",
            "broker.heartbeat.interval.ms", "1000");

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstrapServers();
    }

    public static KafkaBroker start() {
        long started = System.nanoTime();
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder(productionMetadata())
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            BROKER_CONFIG.forEach(builder::setConfigProp);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            closeQuietly(cluster);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the in-process Kafka broker", e);
        }
        KafkaBroker broker = new KafkaBroker(cluster);
        log.info("Kafka broker ready at {} in {} ms", broker.bootstrapServers,
                (System.nanoTime() - started) / 1_000_000);
        return broker;
    }

    /**
     * The test kit formats with the newest, still unstable metadata version; we format as
     * {@code kafka-storage format} does for a production 4.2 cluster: the latest production
     * metadata version with every production feature (transactions v2 among them) at its default.
     */
    private static BootstrapMetadata productionMetadata() {
        MetadataVersion version = MetadataVersion.latestProduction();
        Map<String, Short> features = new TreeMap<>();
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            features.put(feature.featureName(), feature.defaultLevel(version));
        }
        return BootstrapMetadata.fromVersions(version, features, "qianhe-local-stack");
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates the topics with one replica each; topics that already exist are left as they are.
     * Returns once the broker serves them: the controller acknowledges a topic before the broker's
     * metadata has it, and a client asking in between would not find it.
     */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics = Arrays.stream(names)
                .map(name -> new NewTopic(name, partitions, (short) 1))
                .collect(Collectors.toList());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            CreateTopicsResult result = admin.createTopics(topics);
            for (String name : names) {
                try {
                    result.values().get(name).get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name, e.getCause());
                    }
                }
            }
            awaitServed(admin, List.of(names));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private static void awaitServed(Admin admin, List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
        Set<String> served = Set.of();
        while (System.nanoTime() < deadline) {
            try {
                served = admin.listTopics().names().get();
                if (served.containsAll(names)) {
                    return;
                }
            } catch (ExecutionException e) {
                log.debug("listing topics failed, retrying", e);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("topics " + names + " created but not served by the broker within "
                + TOPIC_TIMEOUT.toSeconds() + " s; it serves " + served);
    }

    /**
     * Stops the broker side of the node while its controller, data and port stay; clients see
     * a broker outage until {@link #restartBroker()}.
     */
    public void stopBroker() {
        log.info("Stopping Kafka broker at {}", bootstrapServers);
        cluster.brokers().values().forEach(BrokerServer::shutdown);
    }

    /** Starts the broker stopped by {@link #stopBroker()} again, on the same port with the same data. */
    public void restartBroker() {
        cluster.brokers().values().forEach(BrokerServer::startup);
        try {
            cluster.waitForReadyBrokers();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka broker did not come back", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting the Kafka broker", e);
        }
        log.info("Kafka broker back at {}", bootstrapServers);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(cluster);
            log.info("Kafka broker at {} stopped", bootstrapServers);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Kafka broker did not shut down cleanly", e);
        }
    }
}
