package io.operatorconnect.bench;

import io.operatorconnect.OperatorConnectApplication;
import io.operatorconnect.testsupport.cluster.FreshPostgresDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application as production runs it, started inside the benchmark's JVM on a fresh database: an
 * H2 file under {@code target/bench/h2} (the embedded default), or a new PostgreSQL database when
 * {@code -Dbench.db=postgres} is given (the server of the PostgreSQL tests, {@code OC_TEST_POSTGRES_URL}).
 * Production's settings stay (history level, authorization, INFO logging, which goes to
 * {@code target/bench/<purpose>.log} so that the console shows only the figures); only the
 * administrator, the port and the diagrams folder are the benchmark's.
 */
public final class BenchApplication implements AutoCloseable {

  /** The database the benchmark runs on. */
  public enum Database {
    H2, POSTGRES;

    /** {@code -Dbench.db=h2} (the default) or {@code -Dbench.db=postgres}. */
    public static Database chosen() {
      String value = System.getProperty("bench.db", "h2").trim().toUpperCase(Locale.ROOT);
      try {
        return valueOf(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("-Dbench.db must be h2 or postgres, not '" + value.toLowerCase(Locale.ROOT)
            + "'", e);
      }
    }
  }

  static final Path OUTPUT = Path.of("target", "bench");

  private final ConfigurableApplicationContext context;
  private final FreshPostgresDatabase postgres;

  private BenchApplication(ConfigurableApplicationContext context, FreshPostgresDatabase postgres) {
    this.context = context;
    this.postgres = postgres;
  }

  /**
   * Starts the application on a fresh database of the chosen kind. {@code purpose} names the database
   * and the log file; {@code processes} is the folder whose diagrams are deployed; {@code more} are
   * further command-line arguments ({@code --name=value}) or extra configuration classes' beans.
   */
  public static BenchApplication start(Database database, String purpose, Path processes, List<Class<?>> beans,
      String... more) {
    Path log = OUTPUT.resolve(purpose + ".log");
    // Logback appends to the file: one run's log per file, not every run's.
    deleteRecursively(log);
    List<String> arguments = new ArrayList<>(List.of(
        "--server.port=0",
        // A random administrator password: the benchmark calls the services in-process, nobody signs in.
        "--camunda.bpm.admin-user.id=bench",
        "--camunda.bpm.admin-user.password=" + UUID.randomUUID(),
        "--operator-connect.processes.location=" + processes.toAbsolutePath(),
        "--logging.file.name=" + log.toAbsolutePath(),
        "--logging.threshold.console=WARN",
        "--spring.main.banner-mode=off"));
    FreshPostgresDatabase postgres = null;
    if (database == Database.POSTGRES) {
      postgres = FreshPostgresDatabase.create("bench_" + purpose);
      arguments.add("--spring.profiles.active=postgres");
      arguments.add("--spring.datasource.url=" + postgres.url());
      arguments.add("--spring.datasource.username=" + postgres.user());
      arguments.add("--spring.datasource.password=" + postgres.password());
    } else {
      Path folder = OUTPUT.resolve("h2").resolve(purpose);
      deleteRecursively(folder);
      arguments.add("--spring.datasource.url=jdbc:h2:file:" + folder.toAbsolutePath().resolve("operator-connect")
          + ";LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256"); // as application.yaml
    }
    arguments.addAll(List.of(more));
    List<Class<?>> sources = new ArrayList<>();
    sources.add(OperatorConnectApplication.class);
    sources.addAll(beans);
    ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
        .run(arguments.toArray(String[]::new));
    return new BenchApplication(context, postgres);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  @Override
  public void close() {
    context.close();
    if (postgres != null) {
      postgres.close();
    }
  }

  private static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
