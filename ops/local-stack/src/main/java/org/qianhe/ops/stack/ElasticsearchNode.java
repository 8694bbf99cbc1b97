package org.qianhe.ops.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Elasticsearch, started as a child process from the integ-test zip (DESIGN.md
 * sections 8 and 12). The installation is shared; config, data and logs are per node.
 *
 * <p>Two JVMs are involved: {@code bin/elasticsearch} execs Elasticsearch's CLI launcher (our direct
 * child), which runs the server JVM as its own child and stops it when it gets SIGTERM. {@link #pid()}
 * is the server's pid, from the pid file.
 */
public final class ElasticsearchNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchNode.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final ElasticsearchNodeSettings settings;
    private final NodeDirectory dir;
    private final int httpPort;
    private final Process launcher;
    private final Thread shutdownHook;
    private volatile long pid;
    private volatile boolean closed;

    private ElasticsearchNode(ElasticsearchNodeSettings settings) throws IOException {
        this.settings = settings;
        Path javaHome = settings.resolvedJavaHome();
        this.httpPort = settings.httpPort() > 0 ? settings.httpPort() : FreePort.pick();
        this.dir = NodeDirectory.create(settings.baseDir(), ElasticsearchDistribution.home());
        List<String> command = settings.command(dir, httpPort, FreePort.pick());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.root().toFile())
                .redirectErrorStream(true)
                // the child writes straight into the file: nothing to drain, nothing on our stdout
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.consoleLog().toFile()));
        Map<String, String> env = builder.environment();
        env.put("ES_JAVA_HOME", javaHome.toString());
        env.put("ES_JAVA_OPTS", settings.javaOpts());
        env.put("ES_PATH_CONF", dir.config().toString());
        env.put("ES_TMPDIR", dir.tmp().toString());
        // an agent set for our own JVM (coverage, debugger) must not leak into Elasticsearch's
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("_JAVA_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        log.info("Starting Elasticsearch {} on http://127.0.0.1:{} (Java {}, node dir {}{})", Versions.ELASTICSEARCH,
                httpPort, javaHome, dir.root(), dir.runsUnprivileged() ? ", as user " + UnprivilegedUser.NAME : "");
        try {
            this.launcher = builder.start();
        } catch (IOException e) {
            dir.deleteIfTemporary();
            throw e;
        }
        this.pid = launcher.pid();
        this.shutdownHook = new Thread(this::stop, "elasticsearch-node-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a node with the defaults (free port, temporary directories, small heap). */
    public static ElasticsearchNode start() {
        return start(ElasticsearchNodeSettings.defaults());
    }

    /** Starts a node and waits until it answers cluster health with at least yellow. */
    public static ElasticsearchNode start(ElasticsearchNodeSettings settings) {
        ElasticsearchNode node;
        try {
            node = new ElasticsearchNode(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Elasticsearch", e);
        }
        try {
            node.awaitReady();
            return node;
        } catch (RuntimeException | Error e) {
            node.close();
            throw e;
        }
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int port() {
        return httpPort;
    }

    /** The Elasticsearch server process. */
    public long pid() {
        return pid;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // no GET / in the integ-test zip (rest-root module missing): cluster health is the probe
        HttpRequest health = HttpRequest.newBuilder(
                        URI.create(httpUrl() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            if (!launcher.isAlive()) {
                throw failure("Elasticsearch exited with code " + launcher.exitValue() + " while starting");
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    pid = dir.readPid().orElse(launcher.pid());
                    log.info("Elasticsearch ready at {} (pid {})", httpUrl(), pid);
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Elasticsearch", e);
            }
            sleep(250);
        }
        throw failure("Elasticsearch did not become ready within " + settings.startTimeout().toSeconds() + " s");
    }

    private IllegalStateException failure(String reason) {
        return new IllegalStateException(reason + " (" + httpUrl() + "); last lines of " + dir.consoleLog()
                + ":\n" + dir.consoleTail(40));
    }

    /** Stops Elasticsearch (SIGTERM, then SIGKILL after 20 s) and deletes temporary directories. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to; it does the same
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        // the server JVM is the launcher's child: remember it before the launcher goes, so that a
        // stop in the middle of startup (no pid file yet) cannot orphan it
        List<ProcessHandle> children = launcher.toHandle().descendants().collect(Collectors.toList());
        launcher.destroy();
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        try {
            if (!launcher.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Elasticsearch did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
                launcher.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                awaitOrKill(child, deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            launcher.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
        dir.deleteIfTemporary();
        log.info("Elasticsearch at {} stopped", httpUrl());
    }

    private static void awaitOrKill(ProcessHandle server, long deadlineNanos) throws InterruptedException {
        long remaining = Math.max(TimeUnit.SECONDS.toNanos(1), deadlineNanos - System.nanoTime());
        try {
            server.onExit().get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("Elasticsearch process {} outlived its launcher; killing it", server.pid());
            server.destroyForcibly();
            try {
                server.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException stillThere) {
                log.warn("Elasticsearch server process {} survived SIGKILL for 5 s", server.pid());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Elasticsearch", e);
        }
    }
}
