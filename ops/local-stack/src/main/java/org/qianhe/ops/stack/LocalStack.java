package org.qianhe.ops.stack;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real components the pipeline runs on locally: one Kafka broker with the consent topics and
 * one Elasticsearch node. Both start at the same time, since Elasticsearch takes about ten seconds
 * and Kafka about one.
 */
public final class LocalStack implements AutoCloseable {

    public static final String RAW_TOPIC = "consent.raw";
    public static final String QUARANTINE_TOPIC = "consent.quarantine";
    public static final String DUPLICATES_TOPIC = "consent.duplicates";
    public static final List<String> TOPICS = List.of(RAW_TOPIC, QUARANTINE_TOPIC, DUPLICATES_TOPIC);
    public static final int DEFAULT_PARTITIONS = 2;

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final KafkaBroker kafka;
    private final ElasticsearchNode elasticsearch;

    private LocalStack(KafkaBroker kafka, ElasticsearchNode elasticsearch) {
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
    }

    public static LocalStack start() {
        return start(DEFAULT_PARTITIONS, ElasticsearchNodeSettings.defaults());
    }

    /**
     * Starts both; if either fails, the other is stopped (after it finished starting) before the
     * failure is thrown, so no process outlives a failed start.
     */
    public static LocalStack start(int partitions, ElasticsearchNodeSettings elasticsearchSettings) {
        long started = System.nanoTime();
        CompletableFuture<ElasticsearchNode> es = CompletableFuture.supplyAsync(
                () -> ElasticsearchNode.start(elasticsearchSettings), LocalStack::runOnNewThread);
        KafkaBroker kafka = null;
        try {
            kafka = KafkaBroker.start();
            kafka.createTopics(partitions, TOPICS.toArray(String[]::new));
            ElasticsearchNode node = joinUnwrapped(es);
            log.info("Local stack up in {} ms: Kafka {}, Elasticsearch {}",
                    (System.nanoTime() - started) / 1_000_000, kafka.bootstrapServers(), node.httpUrl());
            return new LocalStack(kafka, node);
        } catch (RuntimeException | Error e) {
            if (kafka != null) {
                kafka.close();
            }
            try {
                es.join().close();
            } catch (CompletionException esFailed) {
                if (esFailed.getCause() != e) {
                    e.addSuppressed(esFailed.getCause());
                }
            }
            throw e;
        }
    }

    private static ElasticsearchNode joinUnwrapped(CompletableFuture<ElasticsearchNode> es) {
        try {
            return es.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    // a plain thread rather than the common pool: the pool may be small or busy in a test JVM
    private static void runOnNewThread(Runnable task) {
        Thread thread = new Thread(task, "local-stack-elasticsearch-start");
        thread.setDaemon(true);
        thread.start();
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public ElasticsearchNode elasticsearch() {
        return elasticsearch;
    }

    /** Stops Elasticsearch and Kafka; each is stopped even if the other fails to. */
    @Override
    public void close() {
        try {
            elasticsearch.close();
        } finally {
            kafka.close();
        }
    }
}
