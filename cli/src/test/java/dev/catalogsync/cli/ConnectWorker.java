package dev.catalogsync.cli;

import dev.catalogsync.embedded.RealStack;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * A Kafka Connect distributed worker in this JVM, the runtime most Debezium users deploy: the same
 * herder, REST API and Kafka-backed config, offset and status topics as {@code
 * connect-distributed.sh}. It can be stopped and started again; the new worker reads the connector
 * and its offsets back from the topics, as a restarted production worker does.
 */
final class ConnectWorker implements AutoCloseable {
  private final Map<String, String> properties;
  private Connect<?> connect;

  private ConnectWorker(Map<String, String> properties) {
    this.properties = Map.copyOf(properties);
  }

  /** Starts a worker of a group of its own on the broker. */
  static ConnectWorker start(String bootstrapServers) {
    String group = RealStack.uniqueName("connect");
    Map<String, String> p = new HashMap<>();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("group.id", group);
    p.put("config.storage.topic", group + ".configs");
    p.put("offset.storage.topic", group + ".offsets");
    p.put("status.storage.topic", group + ".status");
    p.put("config.storage.replication.factor", "1");
    p.put("offset.storage.replication.factor", "1");
    p.put("status.storage.replication.factor", "1");
    p.put("offset.storage.partitions", "1");
    p.put("status.storage.partitions", "1");
    p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    // Any free port: the REST URL is read back from the running server.
    p.put("listeners", "http://127.0.0.1:0");
    // Debezium confirms a position to the slot when the worker flushes offsets (default 60 s).
    p.put("offset.flush.interval.ms", "1000");
    // The plugins are on the classpath with service manifests: no slow scan of every jar.
    p.put("plugin.discovery", "service_load");
    // One worker: a restarted one should get its task back at once, not after five minutes.
    p.put("scheduled.rebalance.max.delay.ms", "0");
    ConnectWorker worker = new ConnectWorker(p);
    worker.start();
    return worker;
  }

  /** Starts the worker (again, after {@link #stop()}); returns once its REST server listens. */
  synchronized void start() {
    if (connect == null) {
      connect = new ConnectDistributed().startConnect(properties);
    }
  }

  /** Stops the worker gracefully: its tasks stop and flush their offsets, as on SIGTERM. */
  synchronized void stop() {
    if (connect != null) {
      connect.stop();
      connect.awaitStop();
      connect = null;
    }
  }

  synchronized boolean running() {
    return connect != null;
  }

  /** The REST API of the running worker. */
  synchronized ConnectRest rest() {
    if (connect == null) {
      throw new IllegalStateException("the worker is stopped");
    }
    URI url = connect.rest().serverUrl();
    return new ConnectRest(url);
  }

  @Override
  public void close() {
    stop();
  }
}
