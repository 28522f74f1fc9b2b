package dev.catalogsync.core;

/**
 * The shared {@code database.*} keys, read and checked once for every service: the JDBC URL, and
 * the user and password, each from its own key or else from the URL's parameters.
 *
 * @param url {@code database.url}, a PostgreSQL JDBC URL
 * @param address host, port and database name parsed from it
 * @param user {@code database.user}, else the URL's {@code user} parameter; null when neither
 * @param password {@code database.password}, else the URL's {@code password}; null when neither
 */
public record DatabaseSettings(String url, DatabaseAddress address, String user, String password) {

  public static DatabaseSettings from(Settings settings) {
    String url = settings.string("database.url");
    DatabaseAddress address = DatabaseAddress.parse("database.url", url);
    String user = settings.optional("database.user");
    String password = settings.optional("database.password");
    return new DatabaseSettings(
        url,
        address,
        user != null ? user : address.parameter("user"),
        password != null ? password : address.parameter("password"));
  }

  /** The user, for a service that must name one (Debezium does). */
  public String requireUser() {
    if (user == null) {
      throw Settings.invalid(
          "database.user", null, "is required (or give the user in database.url as ?user=...)");
    }
    return user;
  }

  /** Hides the password in logs and exceptions. */
  @Override
  public String toString() {
    return "DatabaseSettings[url=" + url + ", user=" + user + "]";
  }
}
