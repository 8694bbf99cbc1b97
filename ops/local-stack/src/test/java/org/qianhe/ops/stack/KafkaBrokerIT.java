package org.qianhe.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaBrokerIT {

    private static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void createsTopicsIdempotently() throws Exception {
        broker.createTopics(3, "it.idempotent");
        broker.createTopics(3, "it.idempotent", "it.second");

        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get()).contains("it.idempotent", "it.second");
            assertThat(admin.describeTopics(Set.of("it.idempotent")).allTopicNames().get()
                    .get("it.idempotent").partitions()).hasSize(3);
        }
    }

    @Test
    void producesAndConsumesARecord() throws Exception {
        broker.createTopics(2, "it.roundtrip");
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>("it.roundtrip", "c-1", "consent")).get(30, TimeUnit.SECONDS);
        }

        assertThat(consumeAll("it.roundtrip", 1)).extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c-1", "consent"));
    }

    @Test
    void aRestartedBrokerKeepsItsPortAndData() throws Exception {
        broker.createTopics(1, "it.outage");
        String bootstrap = broker.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>("it.outage", "before", "1")).get(30, TimeUnit.SECONDS);

            broker.stopBroker();
            try {
                assertThat(FreePort.isListening(port)).as("broker port while stopped").isFalse();
            } finally {
                broker.restartBroker();
            }
            assertThat(FreePort.isListening(port)).as("broker port after restart").isTrue();
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);

            // the same client reconnects to the same address, without a new bootstrap
            producer.send(new ProducerRecord<>("it.outage", "after", "2")).get(60, TimeUnit.SECONDS);
        }

        assertThat(consumeAll("it.outage", 2)).extracting(ConsumerRecord::key).containsExactly("before", "after");
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "90000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000"),
                new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String topic, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
