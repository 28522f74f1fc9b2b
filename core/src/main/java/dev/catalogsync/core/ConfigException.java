package dev.catalogsync.core;

/** Bad configuration: the message names the key (and the variable that overrides it). */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
