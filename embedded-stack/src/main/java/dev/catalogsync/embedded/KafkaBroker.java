package dev.catalogsync.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker: one KRaft node that is both broker and controller, in this JVM, on fixed
 * loopback ports so that it can be stopped and started again at the same address (kcat keeps
 * working, clients reconnect). Besides its plaintext port it has a second one that asks clients to
 * authenticate (SASL PLAIN, user {@link #SASL_USER}), so tests can show that every client of the
 * pipeline takes the security settings a production Kafka needs.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static final AtomicBoolean EXIT_GUARDED = new AtomicBoolean();

  /** The one user of the authenticating port. */
  public static final String SASL_USER = "catalog-sync";

  private static final String SASL_PASSWORD = "catalog-sync-secret";

  private final Path logDirectory;
  private final int port;
  private final int saslPort;
  private final int controllerPort;
  private KafkaRaftServer server;

  private KafkaBroker(Path logDirectory, int port, int saslPort, int controllerPort) {
    this.logDirectory = logDirectory;
    this.port = port;
    this.saslPort = saslPort;
    this.controllerPort = controllerPort;
  }

  /**
   * Formats the log directory if it is new and starts the broker.
   *
   * @param logDirectory where topics live; kept across restarts
   * @param port the client port; 0 for any free one
   */
  public static KafkaBroker start(Path logDirectory, int port) {
    guardExit();
    KafkaBroker broker =
        new KafkaBroker(logDirectory, port > 0 ? port : freePort(), freePort(), freePort());
    broker.format();
    broker.start();
    return broker;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The port that only serves clients authenticated as {@link #SASL_USER}. */
  public String saslBootstrapServers() {
    return "127.0.0.1:" + saslPort;
  }

  /** What a Kafka client needs to log in on {@link #saslBootstrapServers()}, with a password. */
  public static Map<String, String> saslClientSettings(String password) {
    return Map.of(
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        "PLAIN",
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + SASL_USER
            + "\" password=\""
            + password
            + "\";");
  }

  /** {@link #saslClientSettings(String)} with the right password. */
  public static Map<String, String> saslClientSettings() {
    return saslClientSettings(SASL_PASSWORD);
  }

  public boolean isRunning() {
    return server != null;
  }

  /** Starts the broker again after {@link #stop()}, at the same address and with the same data. */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    KafkaRaftServer raft =
        new KafkaRaftServer(KafkaConfig.fromProps(properties(), false), Time.SYSTEM);
    raft.startup();
    server = raft;
    LOG.info("Kafka broker up at {} (data in {})", bootstrapServers(), logDirectory);
  }

  /** Stops the broker; its data stays for {@link #start()}. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
    LOG.info("Kafka broker at {} stopped", bootstrapServers());
  }

  @Override
  public void close() {
    stop();
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    String sasl = "SASL_PLAINTEXT://127.0.0.1:" + saslPort;
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + port + "," + sasl + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + "," + sasl);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", "PLAIN");
    p.put(
        "listener.name.sasl_plaintext.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required user_"
            + SASL_USER
            + "=\""
            + SASL_PASSWORD
            + "\";");
    p.put("log.dirs", logDirectory.toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    return p;
  }

  private void format() {
    try {
      Files.createDirectories(logDirectory);
      if (Files.exists(logDirectory.resolve("meta.properties"))) {
        return;
      }
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .addDirectory(logDirectory.toString())
          .setMetadataLogDirectory(logDirectory.toString())
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setControllerListenerName("CONTROLLER")
          .setIgnoreFormatted(true)
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka log directory " + logDirectory, e);
    }
  }

  /** A fatal broker fault calls Exit; in our JVM it must not end the dev mode or the test run. */
  private static void guardExit() {
    if (EXIT_GUARDED.compareAndSet(false, true)) {
      Exit.setExitProcedure(
          (code, message) -> LOG.error("Kafka broker asked to exit ({}): {}", code, message));
      Exit.setHaltProcedure(
          (code, message) -> LOG.error("Kafka broker asked to halt ({}): {}", code, message));
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
