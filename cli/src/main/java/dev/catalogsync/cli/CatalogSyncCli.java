package dev.catalogsync.cli;

import dev.catalogsync.core.BuildVersion;
import dev.catalogsync.core.ConfigException;
import dev.catalogsync.core.ErrorText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the product; each subcommand is its own class. The launcher runs {@code dev} and
 * {@code bench} from their own modules, which the product's jar does not carry.
 */
@Command(
    name = "catalog-sync",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description = "Keeps catalog_resources equal to projects with Debezium and Kafka Streams.",
    subcommands = {
      InstallCommand.class,
      ConnectorCommand.class,
      StreamsCommand.class,
      FlagCommand.class,
      StatusCommand.class,
      BackfillCommand.class,
      VerifyCommand.class,
      MaintainCommand.class,
      CompletionCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  ./catalog-sync dev                 whole pipeline on embedded PostgreSQL + Kafka",
      "  ./catalog-sync dev --demo          run the three checks and exit",
      "  ./catalog-sync bench --quick       the benchmark, small",
      "  ./catalog-sync flag off -b 127.0.0.1:9092",
      "",
      "dev and bench run from a clone with the launcher (see README.md); they are not part of",
      "the product's jar or image.",
    })
public final class CatalogSyncCli {
  /** Wide enough for the examples' command lines; descriptions are wrapped to it by picocli. */
  static final int USAGE_WIDTH = 100;

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CatalogSyncCli()).setUsageHelpWidth(USAGE_WIDTH);
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          boolean verbose = parsed.matchedOption("--verbose") != null;
          line.getErr().println("error: " + ErrorText.oneLine(e));
          if (verbose) {
            e.printStackTrace(line.getErr());
          }
          return e instanceof ConfigException ? 2 : 1;
        });
    return cli;
  }
}
