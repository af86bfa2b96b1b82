package io.operatorconnect.testsupport.cluster;

import io.operatorconnect.OperatorConnectApplication;
import io.operatorconnect.testsupport.HttpApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node as a JVM of its own, started from the test classpath: the only kind of node that can be
 * killed for real ({@link #kill()} ends the process with SIGKILL, so nothing shuts down cleanly and
 * the database sees its connections drop mid-transaction). Its output goes to
 * {@code target/cluster-nodes/<name>.log}.
 */
public final class JvmNode implements ClusterNode {

  private static final Duration STARTUP = Duration.ofMinutes(3);

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;
  private final HttpApi api;

  private JvmNode(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
    this.api = new HttpApi(port);
  }

  @Override
  public HttpApi api() {
    return api;
  }

  /** JVM options for test nodes: small, and quick to start rather than fast to run. */
  public static final List<String> TEST_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  /** JVM options for measuring: the JVM's defaults, as in production, with a fixed heap. */
  public static final List<String> PRODUCTION_JVM = List.of("-Xms512m", "-Xmx512m");

  /** Starts the JVM; call {@link #awaitReady()} before using it (nodes can start side by side). */
  public static JvmNode launch(String name, FreshPostgresDatabase database, String... moreArguments) {
    return launch(name, TEST_JVM, database, moreArguments);
  }

  public static JvmNode launch(String name, List<String> jvmOptions, FreshPostgresDatabase database,
      String... moreArguments) {
    int port = ClusterNode.freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        OperatorConnectApplication.class.getName()));
    command.addAll(ClusterNode.arguments(name, port, database, moreArguments));
    try {
      Path logs = Files.createDirectories(Path.of("target", "cluster-nodes"));
      Path log = logs.resolve(name + ".log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
      return new JvmNode(name, port, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the node answers HTTP requests; fails with the end of its log if it dies or takes too long. */
  public JvmNode awaitReady() {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node " + name + " exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        if (api().get("/api/settings").status() == 200) {
          return this;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      sleep(250);
    }
    throw new IllegalStateException("node " + name + " did not start within " + STARTUP + ":\n" + logTail());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int port() {
    return port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Ends the JVM at once (SIGKILL): no shutdown hook, no graceful stop, transactions cut off mid-way. */
  public void kill() {
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    process.destroy();
    if (!waitFor(Duration.ofSeconds(30))) {
      kill();
    }
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
