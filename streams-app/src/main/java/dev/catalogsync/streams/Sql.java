package dev.catalogsync.streams;

import dev.catalogsync.core.SqlResource;

/** Loads SQL from the resource files beside this package, so statements are read, not assembled. */
final class Sql {
  private Sql() {}

  static String load(String name) {
    return SqlResource.load(Sql.class, name);
  }
}
