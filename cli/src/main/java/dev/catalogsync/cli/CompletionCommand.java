package dev.catalogsync.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/**
 * {@code catalog-sync completion}: a bash and zsh completion script, generated from the commands.
 */
@Command(
    name = "completion",
    header = "Print a bash/zsh completion script for catalog-sync.",
    mixinStandardHelpOptions = true,
    description =
        "Prints a completion script for bash (and zsh with bashcompinit) that knows every command"
            + " and option, generated from this build, so it never goes stale.",
    footer = {
      "",
      "Examples:",
      "  source <(./catalog-sync completion)",
      "  ./catalog-sync completion > /etc/bash_completion.d/catalog-sync"
    })
final class CompletionCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.print(AutoComplete.bash("catalog-sync", CatalogSyncCli.commandLine()));
    return 0;
  }
}
