package dev.catalogsync.cli;

import dev.catalogsync.schemas.contract.FlagRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code catalog-sync flag on|off|status}: the switch every streams instance obeys. */
@Command(
    name = "flag",
    header = "Turn processing on or off, or show the flag.",
    mixinStandardHelpOptions = true,
    description =
        "Turns processing on or off for every streams instance, or shows the flag. Off: events stay pending and nothing is written; on: everything pending is applied.",
    footer = {
      "",
      "Examples:",
      "  ./catalog-sync flag off -b 127.0.0.1:9092",
      "  ./catalog-sync flag status -b kafka:9092 --topic catalog-sync.flags",
      "  ./catalog-sync flag on -b kafka:9093 -X security.protocol=SASL_SSL \\",
      "      -X sasl.mechanism=PLAIN -X sasl.jaas.config=\"$JAAS\"",
      "  with JAAS='org.apache.kafka.common.security.plain.PlainLoginModule required",
      "    username=\"u\" password=\"p\";'"
    })
final class FlagCommand implements Callable<Integer> {
  enum Action {
    on,
    off,
    status
  }

  @Parameters(index = "0", description = "One of: ${COMPLETION-CANDIDATES}")
  Action action;

  @Mixin KafkaOptions kafka;

  @Option(
      names = "--topic",
      defaultValue = "catalog-sync.flags",
      description = "Default: ${DEFAULT-VALUE}")
  String topic;

  @Option(
      names = "--flag",
      defaultValue = FlagRecord.PROCESS_SYNC_EVENTS,
      description = "Default: ${DEFAULT-VALUE}")
  String flag;

  @Override
  public Integer call() {
    FlagClient client = new FlagClient(kafka.bootstrapServers, kafka.clientSettings, topic);
    if (action == Action.status) {
      System.out.println(
          client
              .read(flag)
              .map(
                  r ->
                      flag
                          + " "
                          + (r.enabled() ? "on" : "off")
                          + " (set "
                          + r.updatedAt()
                          + " by "
                          + r.updatedBy()
                          + ")")
              .orElse(flag + " not set: the streams app uses its flag.default"));
    } else {
      client.set(flag, action == Action.on, "catalog-sync flag " + action);
      System.out.println(flag + " " + action);
    }
    return 0;
  }
}
