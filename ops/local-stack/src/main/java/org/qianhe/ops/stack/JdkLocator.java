package org.qianhe.ops.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a JDK that can run Elasticsearch 9. The integ-test zip bundles no JDK and needs Java 21 or
 * newer, while the build and all our modules run on 17; so the JDK for Elasticsearch is looked up
 * apart from the one running us: {@code ES_JAVA_HOME} if set (it is also what Elasticsearch's own
 * launcher reads), else the running JDK if new enough, else the newest suitable one under
 * {@code /usr/lib/jvm}.
 */
final class JdkLocator {

    static final int MIN_MAJOR = 21;
    static final Path DEFAULT_JVM_ROOT = Path.of("/usr/lib/jvm");

    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"?([^\"\\s]+)\"?\\s*$", Pattern.MULTILINE);

    private JdkLocator() {
    }

    static Path locate() {
        return locate(Optional.ofNullable(System.getenv("ES_JAVA_HOME")).filter(s -> !s.isBlank()),
                Path.of(System.getProperty("java.home")), DEFAULT_JVM_ROOT);
    }

    static Path locate(Optional<String> esJavaHome, Path runningJavaHome, Path jvmRoot) {
        if (esJavaHome.isPresent()) {
            Path home = Path.of(esJavaHome.get());
            int major = majorVersion(home).orElseThrow(() -> new IllegalStateException(
                    "ES_JAVA_HOME=" + home + " is not a JDK (no bin/java and release file with JAVA_VERSION)"));
            if (major < MIN_MAJOR) {
                throw new IllegalStateException("ES_JAVA_HOME=" + home + " is Java " + major
                        + ", but Elasticsearch needs Java " + MIN_MAJOR + " or newer");
            }
            return home;
        }
        if (majorVersion(runningJavaHome).orElse(0) >= MIN_MAJOR) {
            return runningJavaHome;
        }
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(jvmRoot)) {
            try (Stream<Path> dirs = Files.list(jvmRoot)) {
                dirs.filter(dir -> majorVersion(dir).orElse(0) >= MIN_MAJOR).forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + jvmRoot, e);
            }
        }
        // the newest JDK, and among equals the same one on every run
        return candidates.stream()
                .max(Comparator.<Path>comparingInt(dir -> majorVersion(dir).orElse(0))
                        .thenComparing(Comparator.<Path>naturalOrder().reversed()))
                .orElseThrow(() -> new IllegalStateException("Elasticsearch needs a JDK " + MIN_MAJOR
                        + " or newer, and none was found (running Java: " + runningJavaHome + ", searched "
                        + jvmRoot + "/*). Install one (e.g. a Temurin 21+ JDK) or set ES_JAVA_HOME to its home."));
    }

    /** The feature release of a JDK home, from its {@code release} file; empty if it is no JDK. */
    static OptionalInt majorVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(javaHome.resolve("bin/java"))) {
            return OptionalInt.empty();
        }
        try {
            return parseReleaseFile(Files.readString(release));
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    static OptionalInt parseReleaseFile(String content) {
        Matcher m = JAVA_VERSION.matcher(content);
        return m.find() ? parseMajor(m.group(1)) : OptionalInt.empty();
    }

    /** "25.0.3" is 25, "21" and "21-ea" are 21, the old scheme "1.8.0_292" is 8. */
    static OptionalInt parseMajor(String version) {
        Matcher m = Pattern.compile("^(\\d+)(?:\\.(\\d+))?").matcher(version);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        int first = Integer.parseInt(m.group(1));
        if (first == 1 && m.group(2) != null) {
            return OptionalInt.of(Integer.parseInt(m.group(2)));
        }
        return OptionalInt.of(first);
    }
}
