package dev.catalogsync.bench;

import dev.catalogsync.core.SqlResource;

/** The benchmark's SQL, kept in .sql files beside this package on the classpath. */
public final class BenchSql {
  private BenchSql() {}

  public static String load(String name) {
    return SqlResource.load(BenchSql.class, name).strip();
  }
}
