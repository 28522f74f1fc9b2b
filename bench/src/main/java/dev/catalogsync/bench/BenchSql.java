package dev.catalogsync.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The benchmark's SQL, kept in .sql files next to the classes (sql/NAME.sql on the classpath). */
final class BenchSql {
  private BenchSql() {}

  static String load(String name) {
    String path = "sql/" + name;
    try (InputStream in = BenchSql.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing SQL resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
