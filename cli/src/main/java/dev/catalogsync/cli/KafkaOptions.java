package dev.catalogsync.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where Kafka is and how to log in, for the commands that talk to it directly. */
final class KafkaOptions {
  @Option(
      names = {"-b", "--bootstrap-servers"},
      defaultValue = "127.0.0.1:9092",
      description = "Default: ${DEFAULT-VALUE}")
  String bootstrapServers;

  @Option(
      names = "-X",
      paramLabel = "KEY=VALUE",
      description =
          "A Kafka client setting, as kcat's -X; repeatable. E.g. -X security.protocol=SASL_SSL"
              + " -X sasl.mechanism=PLAIN -X sasl.jaas.config='...'")
  Map<String, String> clientSettings = new LinkedHashMap<>();

  /** The client settings, then the given ones on top. */
  Map<String, Object> clientConfig(Map<String, Object> ours) {
    return clientConfig(clientSettings, ours);
  }

  /** A Kafka client's configuration: the user's client settings, then ours on top. */
  static Map<String, Object> clientConfig(
      Map<String, String> clientSettings, Map<String, Object> ours) {
    Map<String, Object> config = new HashMap<>(clientSettings);
    config.putAll(ours);
    return config;
  }
}
