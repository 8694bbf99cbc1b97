package org.qianhe.ops.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * One node's own directories: a copy of the distribution's config (Elasticsearch writes its
 * keystore there, and the shared installation stays untouched), data, logs, tmp, the pid file and
 * the console log. When we are root, all of it belongs to the unprivileged user, because the JVM
 * also writes gc.log and crash files into its working directory, this root.
 */
final class NodeDirectory {

    private final Path root;
    private final Path home;
    private final boolean temporary;
    private final boolean unprivileged;

    private NodeDirectory(Path root, Path home, boolean temporary, boolean unprivileged) {
        this.root = root;
        this.home = home;
        this.temporary = temporary;
        this.unprivileged = unprivileged;
    }

    static NodeDirectory create(Path baseDir, Path home) throws IOException {
        boolean temporary = baseDir == null;
        Path root = temporary ? Files.createTempDirectory("qianhe-es-") : Files.createDirectories(baseDir);
        NodeDirectory dir = new NodeDirectory(root, home, temporary, UnprivilegedUser.isRoot());
        for (Path p : List.of(dir.data(), dir.logs(), dir.tmp(), dir.pidFile().getParent())) {
            Files.createDirectories(p);
        }
        Files.deleteIfExists(dir.pidFile());
        copyTree(home.resolve("config"), dir.config());
        if (dir.unprivileged) {
            UnprivilegedUser.ensureExists();
            UnprivilegedUser.chownTree(root);
        }
        return dir;
    }

    Path root() {
        return root;
    }

    Path home() {
        return home;
    }

    Path config() {
        return root.resolve("config");
    }

    Path data() {
        return root.resolve("data");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path tmp() {
        return root.resolve("tmp");
    }

    Path pidFile() {
        return root.resolve("run/elasticsearch.pid");
    }

    /** Elasticsearch's stdout and stderr, kept off our own stdout. */
    Path consoleLog() {
        return logs().resolve("console.log");
    }

    boolean runsUnprivileged() {
        return unprivileged;
    }

    OptionalLong readPid() {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(pidFile()).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    String consoleTail(int lines) {
        Deque<String> tail = new ArrayDeque<>();
        try (Stream<String> all = Files.lines(consoleLog())) {
            all.forEach(line -> {
                tail.addLast(line);
                if (tail.size() > lines) {
                    tail.removeFirst();
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(cannot read " + consoleLog() + ": " + e + ")";
        }
        return String.join("\n", tail);
    }

    void deleteIfTemporary() {
        if (temporary) {
            ElasticsearchDistribution.deleteTree(root);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
