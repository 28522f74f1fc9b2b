package dev.catalogsync.cli;

import dev.catalogsync.schemas.contract.FlagRecord;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code catalog-sync flag on|off|status}: the switch every streams instance obeys. */
@Command(
    name = "flag",
    header = "Turn processing on or off, or show the flag.",
    mixinStandardHelpOptions = true,
    description = {
      "Turns processing on or off for every streams instance, or shows the flag. Off: events",
      "stay pending and nothing is written; on: everything pending is applied."
    },
    footer = {
      "",
      "Examples:",
      "  ./catalog-sync flag off -b 127.0.0.1:9092",
      "  ./catalog-sync flag status -b kafka:9092 --topic catalog-sync.flags"
    })
final class FlagCommand implements Callable<Integer> {
  enum Action {
    on,
    off,
    status
  }

  @Parameters(index = "0", description = "One of: ${COMPLETION-CANDIDATES}")
  Action action;

  @Option(
      names = {"-b", "--bootstrap-servers"},
      defaultValue = "127.0.0.1:9092",
      description = "Default: ${DEFAULT-VALUE}")
  String bootstrapServers;

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
    FlagClient client = new FlagClient(bootstrapServers, topic);
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
