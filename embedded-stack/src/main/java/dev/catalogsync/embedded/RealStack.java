package dev.catalogsync.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension: one real PostgreSQL and one real Kafka broker per test JVM, started on first use
 * and stopped when the run ends. Inject {@link TestDatabase} (a fresh database each time), {@link
 * PostgresServer} or {@link KafkaBroker} into a test, its constructor or a lifecycle method; make
 * topic names unique with {@link #uniqueName(String)}.
 */
public final class RealStack implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RealStack.class);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestDatabase.class || type == PostgresServer.class || type == KafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == KafkaBroker.class) {
      return kafka(context);
    }
    PostgresServer postgres = postgres(context);
    if (type == PostgresServer.class) {
      return postgres;
    }
    String name = postgres.createDatabase(uniqueName("test").replace('-', '_'));
    return new TestDatabase(name, postgres.jdbcUrl(name), postgres.libpqUri(name));
  }

  /** A name unique within this JVM run and across runs on a kept broker, e.g. for topics. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
  }

  private static PostgresServer postgres(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            PostgresServer.class, k -> PostgresServer.start(null, 0), PostgresServer.class);
  }

  private static KafkaBroker kafka(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            KafkaBroker.class,
            k -> KafkaBroker.start(tempDirectory("kafka"), 0),
            KafkaBroker.class);
  }

  static Path tempDirectory(String prefix) {
    try {
      Path dir = Files.createTempDirectory("catalog-sync-" + prefix);
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
