package dev.catalogsync.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Configuration of a catalog-sync service, in three layers, later ones winning:
 *
 * <ol>
 *   <li>the documented defaults shipped in a properties file on the classpath;
 *   <li>an optional properties file given by the user;
 *   <li>environment variables: key {@code a.b-c} is overridden by {@code CATALOG_SYNC_A_B_C} (upper
 *       case, dots and dashes become underscores). Only keys that exist in one of the files can be
 *       overridden, so a variable can never be mistaken for another key.
 * </ol>
 *
 * Typed getters fail with a {@link ConfigException} that names the key and its variable.
 */
public final class Settings {
  public static final String ENV_PREFIX = "CATALOG_SYNC_";

  /** The keys every service shares, documented once; each service's defaults lie on top. */
  public static final String SHARED_DEFAULTS = "/catalog-sync-shared.properties";

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * The shared defaults, then a service's defaults from the classpath, then the user's file (may be
   * null), then the environment.
   */
  public static Settings load(String defaultsResource, Path userFile, Map<String, String> env) {
    Map<String, String> values = new TreeMap<>(readResource(SHARED_DEFAULTS));
    values.putAll(readResource(defaultsResource));
    if (userFile != null) {
      values.putAll(readFile(userFile));
    }
    for (String key : values.keySet()) {
      String override = env.get(envName(key));
      if (override != null) {
        values.put(key, override);
      }
    }
    return new Settings(values);
  }

  /** Settings from explicit values, e.g. built by the dev mode or a test. */
  public static Settings of(Map<String, String> values) {
    return new Settings(new TreeMap<>(values));
  }

  /** A copy with some values replaced or added. */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> copy = new TreeMap<>(values);
    copy.putAll(overrides);
    return new Settings(copy);
  }

  /** The environment variable that overrides a key. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public Map<String, String> asMap() {
    return values;
  }

  public String string(String key) {
    String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw invalid(key, value, "is required");
    }
    return value.trim();
  }

  /** The value, or null when the key is absent or blank. */
  public String optional(String key) {
    String value = values.get(key);
    return value == null || value.isBlank() ? null : value.trim();
  }

  public int positiveInt(String key) {
    String value = string(key);
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key, value, "must be a whole number above 0");
  }

  public int port(String key) {
    String value = string(key);
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 0 && parsed <= 65535) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key, value, "must be a port number from 0 to 65535 (0: any free port)");
  }

  public boolean bool(String key) {
    String value = string(key);
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(key, value, "must be true or false");
    };
  }

  /** A Kafka topic name; checked at start so a typo fails there, not at the first send. */
  public String topicName(String key) {
    String value = string(key);
    if (!value.matches("[a-zA-Z0-9._-]{1,249}") || value.equals(".") || value.equals("..")) {
      throw invalid(key, value, "must be a Kafka topic name (letters, digits, . _ -)");
    }
    return value;
  }

  /** A replication slot's name, by PostgreSQL's rule; checked at start, not once connected. */
  public String slotName(String key) {
    String value = string(key);
    if (!value.matches("[a-z0-9_]{1,63}")) {
      throw invalid(key, value, "must be 1-63 lower-case letters, digits or underscores");
    }
    return value;
  }

  /** A replication factor for topics catalog-sync creates: -1 (the broker's default) or above 0. */
  public short replicationFactor(String key) {
    String value = string(key);
    try {
      int parsed = Integer.parseInt(value);
      if (parsed == -1 || (parsed >= 1 && parsed <= Short.MAX_VALUE)) {
        return (short) parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key, value, "must be -1 (broker default) or a whole number above 0");
  }

  /**
   * A duration above 0: milliseconds as a plain number (e.g. {@code 60000}), or with a unit ({@code
   * 500ms}, {@code 10s}, {@code 1m}, ISO-8601).
   */
  public Duration millis(String key) {
    Duration d = durationOrNull(key);
    if (d != null && d.toMillis() > 0) {
      return d;
    }
    throw invalid(key, string(key), "must be a duration above 0 (e.g. 60000 ms, 500ms, 10s, 1m)");
  }

  /** Like {@link #millis}, but 0 is allowed: it means off. */
  public Duration millisOrOff(String key) {
    Duration d = durationOrNull(key);
    if (d != null && !d.isNegative()) {
      return d;
    }
    throw invalid(key, string(key), "must be a duration (e.g. 60000 ms, 10s, 1m), 0 for off");
  }

  private Duration durationOrNull(String key) {
    try {
      return Durations.parse(string(key), java.time.temporal.ChronoUnit.MILLIS);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Every key under a prefix, with the prefix removed: settings passed through to a library. */
  public Map<String, String> passThrough(String prefix) {
    Map<String, String> out = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(prefix) && k.length() > prefix.length()) {
            out.put(k.substring(prefix.length()), v);
          }
        });
    return out;
  }

  /**
   * Every {@code kafka.X} setting but {@code kafka.bootstrap.servers}, as {@code X}, empty ones
   * left out: given to every Kafka client of the pipeline (security settings, for one).
   */
  public Map<String, String> kafkaClient() {
    Map<String, String> out = passThrough("kafka.");
    out.remove("bootstrap.servers");
    out.values().removeIf(String::isEmpty);
    return out;
  }

  /** A failure that names the key, its variable and the rejected value. */
  public static ConfigException invalid(String key, String value, String rule) {
    String shown = value == null ? "missing" : "'" + value + "'";
    return new ConfigException(
        "invalid setting " + key + " (" + envName(key) + "): " + rule + ", got " + shown);
  }

  private static Map<String, String> readResource(String resource) {
    try (InputStream in = Settings.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing defaults on the classpath: " + resource);
      }
      return read(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  private static Map<String, String> readFile(Path file) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("configuration file " + file + " does not exist or is unreadable");
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader);
    } catch (IOException e) {
      throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
    }
  }

  private static Map<String, String> read(Reader reader) throws IOException {
    Properties properties = new Properties();
    properties.load(reader);
    Map<String, String> out = new TreeMap<>();
    properties.stringPropertyNames().forEach(k -> out.put(k, properties.getProperty(k)));
    return out;
  }
}
