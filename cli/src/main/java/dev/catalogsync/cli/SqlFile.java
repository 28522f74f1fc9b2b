package dev.catalogsync.cli;

import dev.catalogsync.schemas.sql.SqlResource;

/** The CLI's own SQL resources (absolute paths such as {@code /dev/seed.sql}). */
final class SqlFile {
  private SqlFile() {}

  static String load(String resource) {
    return SqlResource.load(SqlFile.class, resource);
  }
}
