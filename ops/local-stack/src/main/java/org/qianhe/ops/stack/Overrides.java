package org.qianhe.ops.stack;

import java.util.Optional;

/**
 * Operator overrides: a system property wins over the environment variable of the same name, so a
 * test run can set one with {@code -D} without touching the shell that started Maven.
 */
final class Overrides {

    private Overrides() {
    }

    static Optional<String> get(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
