package org.qianhe.ops.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elasticsearch refuses to start as root, and these machines (and CI) run everything as root. So
 * when we are root, Elasticsearch runs as a dedicated system user without a login shell, entered
 * through {@code setpriv}: it execs, so the child we hold is Elasticsearch itself and destroying it
 * stops Elasticsearch.
 */
final class UnprivilegedUser {

    static final String NAME = "qianhe-es";

    private static final Logger log = LoggerFactory.getLogger(UnprivilegedUser.class);

    private UnprivilegedUser() {
    }

    static boolean isRoot() {
        try {
            // Linux: the real uid of this process, without spawning `id -u`
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return "0".equals(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot read /proc/self/status, falling back to user.name", e);
        }
        return "root".equals(System.getProperty("user.name"));
    }

    /** Creates the system user unless it exists; a concurrent creation by another JVM is fine. */
    static synchronized void ensureExists() {
        if (run(List.of("getent", "passwd", NAME)) == 0) {
            return;
        }
        log.info("Creating system user {} to run Elasticsearch (it refuses to run as root)", NAME);
        int exit = run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", NAME));
        // 9: the name is taken, i.e. another JVM created it meanwhile
        if (exit != 0 && exit != 9) {
            throw new IllegalStateException("useradd " + NAME + " failed with exit code " + exit
                    + "; create the user by hand or run the build as a non-root user");
        }
    }

    /** The command prefix that drops to the unprivileged user. */
    static List<String> commandPrefix() {
        return new ArrayList<>(List.of("setpriv", "--reuid=" + NAME, "--regid=" + NAME, "--init-groups"));
    }

    /** Hands a directory tree (a node's config, data, logs) to the unprivileged user. */
    static void chownTree(Path dir) {
        try {
            UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(NAME);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(NAME);
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) paths::iterator) {
                    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                    view.setOwner(user);
                    view.setGroup(group);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + dir + " to user " + NAME, e);
        }
    }

    private static int run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 30 s");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
