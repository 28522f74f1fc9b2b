package dev.catalogsync.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads a SQL statement shipped as a classpath resource: SQL lives in .sql files, not in Java. */
final class SqlFile {
  private SqlFile() {}

  static String load(String resource) {
    try (InputStream in = SqlFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing SQL resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
