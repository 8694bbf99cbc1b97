package org.qianhe.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class ElasticsearchNodeIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsIndexesAndReadsBackThenStopsCompletely() throws Exception {
        long pid;
        int port;
        try (ElasticsearchNode node = ElasticsearchNode.start()) {
            pid = node.pid();
            port = node.port();
            assertThat(node.httpUrl()).isEqualTo("http://127.0.0.1:" + port);

            assertThat(send(node, "PUT", "/consents-it", "{\"settings\":{\"number_of_replicas\":0}}").statusCode())
                    .isEqualTo(200);
            assertThat(send(node, "PUT", "/consents-it/_doc/c-1?refresh=true",
                    "{\"vaccineCode\":\"HepB\",\"lotNumber\":\"L2026\"}").statusCode()).isEqualTo(201);
            HttpResponse<String> read = send(node, "GET", "/consents-it/_doc/c-1", null);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).contains("\"found\":true").contains("\"lotNumber\":\"L2026\"");

            assertThat(ProcessHandle.of(pid)).isPresent();
            if (UnprivilegedUser.isRoot()) {
                assertThat(uidOf(pid)).as("uid of the Elasticsearch server process").isNotEqualTo("0");
            }
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("server process after close").isEmpty();
        assertThat(FreePort.isListening(port)).as("HTTP port after close").isFalse();
    }

    @Test
    void aNodeThatCannotStartFailsWithItsOwnOutput() {
        // a heap the JVM refuses: Elasticsearch exits at once, and the error must say why
        ElasticsearchNodeSettings broken = ElasticsearchNodeSettings.defaults()
                .withJavaOpts("-Xms64m -Xmx32m")
                .withStartTimeout(Duration.ofSeconds(60));

        assertThatThrownBy(() -> ElasticsearchNode.start(broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("console.log")
                .hasMessageContaining("heap");
    }

    private HttpResponse<String> send(ElasticsearchNode node, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.httpUrl() + path))
                .timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The real uid of a process, from /proc (Linux). */
    private static String uidOf(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("Uid:"))
                .map(line -> line.substring(4).trim().split("\\s+")[0])
                .findFirst().orElseThrow();
    }
}
