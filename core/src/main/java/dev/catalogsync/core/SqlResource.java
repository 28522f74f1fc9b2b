package dev.catalogsync.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads a SQL statement shipped as a classpath resource: SQL lives in .sql files, not in Java. */
public final class SqlResource {
  private SqlResource() {}

  /**
   * The text of a resource, resolved like {@link Class#getResourceAsStream}: relative to the
   * anchor's package, or absolute with a leading slash.
   *
   * @throws IllegalStateException when the resource is missing: a packaging bug, not bad input
   */
  public static String load(Class<?> anchor, String path) {
    try (InputStream in = anchor.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing SQL resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
