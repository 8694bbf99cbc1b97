package org.qianhe.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkLocatorTest {

    @TempDir
    Path jvmRoot;

    @Test
    void parsesCurrentAndLegacyVersionSchemes() {
        assertThat(JdkLocator.parseMajor("25.0.3")).isEqualTo(OptionalInt.of(25));
        assertThat(JdkLocator.parseMajor("21")).isEqualTo(OptionalInt.of(21));
        assertThat(JdkLocator.parseMajor("21-ea")).isEqualTo(OptionalInt.of(21));
        assertThat(JdkLocator.parseMajor("17.0.15")).isEqualTo(OptionalInt.of(17));
        assertThat(JdkLocator.parseMajor("1.8.0_292")).isEqualTo(OptionalInt.of(8));
        assertThat(JdkLocator.parseMajor("garbage")).isEmpty();
    }

    @Test
    void readsJavaVersionFromReleaseFile() {
        String release = """
                IMPLEMENTOR="Eclipse Adoptium"
                JAVA_RUNTIME_VERSION="25.0.3+9-LTS"
                JAVA_VERSION="25.0.3"
                JAVA_VERSION_DATE="2026-04-21"
                """;
        assertThat(JdkLocator.parseReleaseFile(release)).isEqualTo(OptionalInt.of(25));
        assertThat(JdkLocator.parseReleaseFile("IMPLEMENTOR=\"x\"\n")).isEmpty();
    }

    @Test
    void picksTheNewestJdkOfAtLeast21() throws IOException {
        Path jdk17 = fakeJdk("java-17-openjdk-amd64", "17.0.15");
        fakeJdk("temurin-21-jdk-amd64", "21.0.7");
        Path jdk25 = fakeJdk("temurin-25-jdk-amd64", "25.0.3");
        Files.createDirectories(jvmRoot.resolve("not-a-jdk"));

        assertThat(JdkLocator.locate(Optional.empty(), jdk17, jvmRoot)).isEqualTo(jdk25);
    }

    @Test
    void prefersTheRunningJdkWhenItIsNewEnough() throws IOException {
        Path running = fakeJdk("running-21", "21.0.1");
        fakeJdk("temurin-25-jdk-amd64", "25.0.3");

        assertThat(JdkLocator.locate(Optional.empty(), running, jvmRoot)).isEqualTo(running);
    }

    @Test
    void esJavaHomeWins() throws IOException {
        Path chosen = fakeJdk("chosen", "22");
        fakeJdk("temurin-25-jdk-amd64", "25.0.3");

        assertThat(JdkLocator.locate(Optional.of(chosen.toString()), jvmRoot.resolve("none"), jvmRoot))
                .isEqualTo(chosen);
    }

    @Test
    void refusesAnEsJavaHomeOlderThan21() throws IOException {
        Path old = fakeJdk("java-17", "17.0.15");

        assertThatThrownBy(() -> JdkLocator.locate(Optional.of(old.toString()), old, jvmRoot))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ES_JAVA_HOME=" + old)
                .hasMessageContaining("is Java 17")
                .hasMessageContaining("Java 21 or newer");
    }

    @Test
    void failsClearlyWhenNoJdk21IsFound() throws IOException {
        Path jdk17 = fakeJdk("java-17-openjdk-amd64", "17.0.15");

        assertThatThrownBy(() -> JdkLocator.locate(Optional.empty(), jdk17, jvmRoot))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a JDK 21 or newer")
                .hasMessageContaining(jvmRoot.toString())
                .hasMessageContaining("set ES_JAVA_HOME");
    }

    @Test
    void failsClearlyWhenTheJvmDirectoryIsMissing() {
        Path missing = jvmRoot.resolve("no-such-dir");

        assertThatThrownBy(() -> JdkLocator.locate(Optional.empty(), missing, missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ES_JAVA_HOME");
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(jvmRoot.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
