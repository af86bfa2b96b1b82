package io.operatorconnect.testsupport.cluster;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A new, empty PostgreSQL database for one test, dropped afterwards: nodes started on it create the
 * whole schema themselves, as they would in production, and nothing is shared with other tests.
 * The server is the one of the PostgreSQL tests ({@code OC_TEST_POSTGRES_URL}, user and password).
 */
public final class FreshPostgresDatabase implements AutoCloseable {

  private static final String URL = System.getenv().getOrDefault("OC_TEST_POSTGRES_URL",
      "jdbc:postgresql://127.0.0.1:5432/operator_connect_test");
  private static final String USER = System.getenv().getOrDefault("OC_TEST_POSTGRES_USER", "postgres");
  private static final String PASSWORD = System.getenv().getOrDefault("OC_TEST_POSTGRES_PASSWORD", "");

  private final String name;
  private final HikariDataSource pool;
  private final JdbcClient jdbc;

  private FreshPostgresDatabase(String name) {
    this.name = name;
    // A pool: the test's own checks query many times a second, and a new PostgreSQL connection per
    // query (a new server process each) would cost more than the nodes under test.
    this.pool = new HikariDataSource();
    pool.setJdbcUrl(url());
    pool.setUsername(USER);
    pool.setPassword(PASSWORD);
    pool.setMaximumPoolSize(4);
    this.jdbc = JdbcClient.create(pool);
  }

  /** Creates a database named after the test, with a random suffix. */
  public static FreshPostgresDatabase create(String purpose) {
    String name = "oc_" + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
        + UUID.randomUUID().toString().substring(0, 8);
    maintenance().sql("CREATE DATABASE " + name).update();
    return new FreshPostgresDatabase(name);
  }

  public String url() {
    return serverUrl() + name;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  /** A client on the database for the test's own checks (not through any node). */
  public JdbcClient jdbc() {
    return jdbc;
  }

  @Override
  public void close() {
    pool.close();
    maintenance().sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").update();
  }

  private static JdbcClient maintenance() {
    return JdbcClient.create(new DriverManagerDataSource(serverUrl() + "postgres", USER, PASSWORD));
  }

  private static String serverUrl() {
    String withoutParameters = URL.contains("?") ? URL.substring(0, URL.indexOf('?')) : URL;
    return withoutParameters.substring(0, withoutParameters.lastIndexOf('/') + 1);
  }
}
