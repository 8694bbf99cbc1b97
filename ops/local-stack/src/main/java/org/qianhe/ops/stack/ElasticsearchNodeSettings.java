package org.qianhe.ops.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to start an {@link ElasticsearchNode}. {@code httpPort} 0 picks a free port; a null
 * {@code baseDir} means a temporary directory deleted on close (a given one is kept); a null
 * {@code javaHome} means "find a JDK 21+" (ES_JAVA_HOME, then /usr/lib/jvm).
 */
public record ElasticsearchNodeSettings(
        String clusterName,
        String nodeName,
        int httpPort,
        Path baseDir,
        Path javaHome,
        String javaOpts,
        Duration startTimeout) {

    /** A small heap is plenty for tests and the local run; QIANHE_ES_JAVA_OPTS overrides it. */
    static final String DEFAULT_JAVA_OPTS = "-Xms512m -Xmx512m";

    public static ElasticsearchNodeSettings defaults() {
        // QIANHE_RUN_ID (set by ops/run-local.sh) marks the node's command line, so the script can
        // find and stop it even after the JVM that started it was killed hard.
        return new ElasticsearchNodeSettings(Overrides.get("QIANHE_RUN_ID").orElse("qianhe-local"), "qianhe-es-0", 0, null, null,
                Overrides.get("QIANHE_ES_JAVA_OPTS").orElse(DEFAULT_JAVA_OPTS), Duration.ofSeconds(90));
    }

    public ElasticsearchNodeSettings withHttpPort(int port) {
        return new ElasticsearchNodeSettings(clusterName, nodeName, port, baseDir, javaHome, javaOpts, startTimeout);
    }

    public ElasticsearchNodeSettings withBaseDir(Path dir) {
        return new ElasticsearchNodeSettings(clusterName, nodeName, httpPort, dir, javaHome, javaOpts, startTimeout);
    }

    public ElasticsearchNodeSettings withJavaOpts(String opts) {
        return new ElasticsearchNodeSettings(clusterName, nodeName, httpPort, baseDir, javaHome, opts, startTimeout);
    }

    public ElasticsearchNodeSettings withStartTimeout(Duration timeout) {
        return new ElasticsearchNodeSettings(clusterName, nodeName, httpPort, baseDir, javaHome, javaOpts, timeout);
    }

    /** The JDK that runs Elasticsearch: the given one, else the located one. */
    Path resolvedJavaHome() {
        return javaHome != null ? javaHome : JdkLocator.locate();
    }

    /**
     * Every setting is explicit, so the node never depends on the elasticsearch.yml of the zip or
     * on auto-configuration. Only settings registered in the integ-test zip's modules (apm,
     * transport-netty4, x-pack-core, x-pack-security) may appear: an unknown one stops the node.
     */
    Map<String, String> esSettings(NodeDirectory dir, int port, int transportPort) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("cluster.name", clusterName);
        s.put("node.name", nodeName);
        s.put("discovery.type", "single-node");
        // loopback keeps Elasticsearch in development mode: no production bootstrap checks
        s.put("network.host", "127.0.0.1");
        s.put("http.port", Integer.toString(port));
        s.put("transport.port", Integer.toString(transportPort));
        s.put("path.data", dir.data().toString());
        s.put("path.logs", dir.logs().toString());
        // security is a decision, not a default (DESIGN.md section 12); local nodes run without it
        s.put("xpack.security.enabled", "false");
        // a nearly full developer disk must not turn indices read-only in the middle of a test
        s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        return s;
    }

    List<String> command(NodeDirectory dir, int port, int transportPort) {
        List<String> command = new ArrayList<>();
        if (dir.runsUnprivileged()) {
            command.addAll(UnprivilegedUser.commandPrefix());
        }
        command.add(dir.home().resolve("bin/elasticsearch").toString());
        command.add("-p");
        command.add(dir.pidFile().toString());
        esSettings(dir, port, transportPort).forEach((key, value) -> {
            command.add("-E");
            command.add(key + "=" + value);
        });
        return command;
    }
}
