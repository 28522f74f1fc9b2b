package dev.catalogsync.dev;

import dev.catalogsync.cli.CatalogSyncCli;
import picocli.CommandLine;

/**
 * Runs {@code catalog-sync dev}: the launcher starts this jar for the dev mode, so the product's
 * jar never carries the embedded servers. Errors are reported as the product's CLI reports them.
 */
public final class DevMain {
  private DevMain() {}

  public static void main(String[] args) {
    CommandLine dev =
        new CommandLine(new DevCommand()).setCommandName("catalog-sync dev").setUsageHelpWidth(100);
    dev.setExecutionExceptionHandler(CatalogSyncCli.commandLine().getExecutionExceptionHandler());
    System.exit(dev.execute(args));
  }
}
