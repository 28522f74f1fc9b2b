package dev.catalogsync.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading host, port and database from the shared JDBC URL, for Debezium. */
class DatabaseAddressTest {

  @Test
  void hostPortDatabaseAndParameters() {
    assertThat(DatabaseAddress.parse("k", "jdbc:postgresql://127.0.0.1:15432/test_1?user=postgres"))
        .isEqualTo(new DatabaseAddress("127.0.0.1", 15432, "test_1", Map.of("user", "postgres")));
  }

  @Test
  void defaultsForPortAndHost() {
    assertThat(DatabaseAddress.parse("k", "jdbc:postgresql://db.example/gitlab"))
        .isEqualTo(new DatabaseAddress("db.example", 5432, "gitlab", Map.of()));
    assertThat(DatabaseAddress.parse("k", "jdbc:postgresql:gitlab"))
        .isEqualTo(new DatabaseAddress("localhost", 5432, "gitlab", Map.of()));
  }

  @Test
  void ipv6Hosts() {
    DatabaseAddress address = DatabaseAddress.parse("k", "jdbc:postgresql://[::1]:6000/db");
    assertThat(address.host()).isEqualTo("::1");
    assertThat(address.port()).isEqualTo(6000);
  }

  @Test
  void blankParametersCountAsAbsent() {
    DatabaseAddress address =
        DatabaseAddress.parse("k", "jdbc:postgresql://h/db?user=&ssl=true&password=p%26w");
    assertThat(address.parameter("user")).isNull();
    assertThat(address.parameter("password")).isEqualTo("p&w");
  }
}
