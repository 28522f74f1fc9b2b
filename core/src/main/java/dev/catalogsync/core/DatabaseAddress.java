package dev.catalogsync.core;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the source database is, read from its JDBC URL: Debezium wants host, port and database name
 * as separate settings, while every catalog-sync service shares one {@code database.url}.
 *
 * @param host host name or address (IPv6 without brackets)
 * @param port TCP port, 5432 when the URL has none
 * @param database database name
 * @param parameters the URL's query parameters (e.g. user, password), decoded
 */
public record DatabaseAddress(
    String host, int port, String database, Map<String, String> parameters) {
  private static final String PREFIX = "jdbc:postgresql:";
  private static final int DEFAULT_PORT = 5432;

  public DatabaseAddress {
    parameters = Map.copyOf(parameters);
  }

  /**
   * Parses a PostgreSQL JDBC URL; a failure is a {@code ConfigException} naming {@code key}.
   *
   * @param key the setting the URL came from, for the message
   */
  public static DatabaseAddress parse(String key, String url) {
    if (!url.startsWith(PREFIX)) {
      throw Settings.invalid(
          key, url, "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db)");
    }
    String rest = url.substring(PREFIX.length());
    String query = "";
    int question = rest.indexOf('?');
    if (question >= 0) {
      query = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    String host = "localhost";
    int port = DEFAULT_PORT;
    String database;
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
      database = slash < 0 ? "" : rest.substring(slash + 1);
      if (authority.contains(",")) {
        throw Settings.invalid(
            key, url, "must name a single host (Debezium streams from one server)");
      }
      if (!authority.isEmpty()) {
        String[] hostAndPort = splitHostPort(key, url, authority);
        host = hostAndPort[0];
        if (hostAndPort[1] != null) {
          port = parsePort(key, url, hostAndPort[1]);
        }
      }
    } else {
      database = rest;
    }
    if (database.isBlank()) {
      throw Settings.invalid(key, url, "must name a database (jdbc:postgresql://host:port/db)");
    }
    return new DatabaseAddress(host, port, decode(database), parseQuery(query));
  }

  /** A URL parameter such as {@code user}, or null. */
  public String parameter(String name) {
    String value = parameters.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  private static String[] splitHostPort(String key, String url, String authority) {
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw Settings.invalid(key, url, "has an unclosed IPv6 address");
      }
      String host = authority.substring(1, close);
      String after = authority.substring(close + 1);
      return new String[] {host, after.startsWith(":") ? after.substring(1) : null};
    }
    int colon = authority.lastIndexOf(':');
    if (colon < 0) {
      return new String[] {authority, null};
    }
    return new String[] {authority.substring(0, colon), authority.substring(colon + 1)};
  }

  private static int parsePort(String key, String url, String text) {
    try {
      int port = Integer.parseInt(text);
      if (port > 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Settings.invalid(key, url, "has an invalid port '" + text + "'");
  }

  private static Map<String, String> parseQuery(String query) {
    Map<String, String> out = new HashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      out.put(decode(name), decode(value));
    }
    return out;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
