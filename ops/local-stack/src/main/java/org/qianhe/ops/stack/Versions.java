package org.qianhe.ops.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of the started components, filtered in from the parent pom so they are pinned once. */
final class Versions {

    static final String ELASTICSEARCH = load().getProperty("elasticsearch.version");

    private Versions() {
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("versions.properties missing from the qianhe-local-stack jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
