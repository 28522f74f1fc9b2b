package dev.catalogsync.bench;

import dev.catalogsync.core.SqlResource;

/** The benchmark's SQL, kept in .sql files beside this package on the classpath. */
final class BenchSql {
  private BenchSql() {}

  static String load(String name) {
    return SqlResource.load(BenchSql.class, name).strip();
  }
}
