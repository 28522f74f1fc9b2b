package dev.catalogsync.connector;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Plain JDBC sessions on the source database, as the connector's user, for its own queries. */
final class SourceDatabase {
  private SourceDatabase() {}

  /** A session named {@code <connector.name>-<purpose>} in pg_stat_activity. */
  static Connection connect(ConnectorConfig config, String purpose) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", config.user());
    if (!config.password().isEmpty()) {
      props.setProperty("password", config.password());
    }
    props.setProperty("ApplicationName", config.name() + "-" + purpose);
    props.setProperty("connectTimeout", "5");
    props.setProperty("socketTimeout", "30");
    return DriverManager.getConnection(config.databaseUrl(), props);
  }
}
