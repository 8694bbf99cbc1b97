package org.qianhe.ops.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Elasticsearch installation: the integ-test zip that Maven downloaded (this module declares it
 * as a dependency), unpacked once into a cache directory and shared read-only by every node; each
 * node gets its own config, data and logs directories.
 */
final class ElasticsearchDistribution {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchDistribution.class);

    private ElasticsearchDistribution() {
    }

    /** The Elasticsearch home directory, unpacking the zip on first use. */
    static Path home() {
        String version = Versions.ELASTICSEARCH;
        Path home = cacheDir().resolve("elasticsearch-" + version);
        if (Files.isExecutable(home.resolve("bin/elasticsearch"))) {
            return home;
        }
        unpack(locateZip(version), home);
        return home;
    }

    static Path locateZip(String version) {
        Path zip = Overrides.get("QIANHE_ES_ZIP").map(Path::of).orElseGet(() -> mavenRepository()
                .resolve("org/elasticsearch/distribution/integ-test-zip/elasticsearch")
                .resolve(version).resolve("elasticsearch-" + version + ".zip"));
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Elasticsearch distribution not found at " + zip + ". Let Maven fetch it"
                    + " (mvn -pl ops/local-stack -am install -DskipTests) or point QIANHE_ES_ZIP at the"
                    + " integ-test-zip of Elasticsearch " + version);
        }
        return zip;
    }

    private static Path mavenRepository() {
        return Overrides.get("maven.repo.local").map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    /**
     * Where unpacked distributions live. Root's home is usually mode 700, so the unprivileged user
     * that runs Elasticsearch could not read an installation below it: as root use /var/cache.
     */
    static Path cacheDir() {
        return Overrides.get("QIANHE_CACHE_DIR").map(Path::of).orElseGet(() -> {
            if (UnprivilegedUser.isRoot()) {
                return Path.of("/var/cache/qianhe");
            }
            return Overrides.get("XDG_CACHE_HOME").map(Path::of)
                    .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache"))
                    .resolve("qianhe");
        });
    }

    /**
     * Unpacks into a temporary sibling and renames it into place, so a half unpacked tree (a run
     * killed mid-way) is never mistaken for an installation; a concurrent winner is kept.
     */
    static void unpack(Path zip, Path home) {
        log.info("Unpacking {} into {}", zip, home);
        Path tmp = null;
        try {
            Files.createDirectories(home.getParent());
            tmp = Files.createTempDirectory(home.getParent(), home.getFileName() + ".unpacking-");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path root = extract(zip, tmp);
            try {
                Files.move(root, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // another JVM won the race (the target exists): use its complete copy
                if (!Files.isExecutable(home.resolve("bin/elasticsearch"))) {
                    throw e;
                }
                log.info("{} was unpacked concurrently; using that one", home);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip + " into " + home, e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    /** Extracts the zip and returns its single top directory (elasticsearch-VERSION). */
    private static Path extract(Path zip, Path target) throws IOException {
        try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out);
                }
            }
        }
        try (Stream<Path> top = Files.list(target)) {
            Path root = top.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new IOException(zip + " has no top-level directory"));
            // java.util.zip drops the Unix mode bits; the launch scripts and tools must be executable
            try (Stream<Path> bin = Files.list(root.resolve("bin"))) {
                for (Path script : (Iterable<Path>) bin::iterator) {
                    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            return root;
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("cannot delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", dir, e.toString());
        }
    }
}
