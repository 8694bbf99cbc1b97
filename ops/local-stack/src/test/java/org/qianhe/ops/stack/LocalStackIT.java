package org.qianhe.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

class LocalStackIT {

    @Test
    void startsBothWithTheConsentTopicsAndStopsBoth() throws Exception {
        long esPid;
        int esPort;
        int kafkaPort;
        try (LocalStack stack = LocalStack.start(3, ElasticsearchNodeSettings.defaults())) {
            esPid = stack.elasticsearch().pid();
            esPort = stack.elasticsearch().port();
            String bootstrap = stack.kafka().bootstrapServers();
            kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                Map<String, TopicDescription> topics = admin.describeTopics(Set.copyOf(LocalStack.TOPICS))
                        .allTopicNames().get();
                assertThat(topics).containsOnlyKeys("consent.raw", "consent.quarantine", "consent.duplicates");
                assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
            }
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(stack.elasticsearch().httpUrl() + "/_cluster/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"cluster_name\":\"qianhe-local\"");
        }

        assertThat(ProcessHandle.of(esPid).filter(ProcessHandle::isAlive)).as("Elasticsearch after close").isEmpty();
        assertThat(FreePort.isListening(esPort)).as("Elasticsearch port after close").isFalse();
        assertThat(FreePort.isListening(kafkaPort)).as("Kafka port after close").isFalse();
    }
}
