package io.operatorconnect.testsupport.cluster;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.TestPorts;
import java.util.List;

/** One Operator Connect node of a test cluster, reached over HTTP like any client would. */
public interface ClusterNode extends AutoCloseable {

  String name();

  int port();

  /** A client on the node's HTTP API. */
  HttpApi api();

  /** Stops the node the way an operator of the service would: a graceful shutdown. */
  @Override
  void close();

  /**
   * The command-line arguments of a node on the database: the {@code test-node} profile, the
   * database, the port and an engine name of its own (engines register JVM-wide by name).
   */
  static List<String> arguments(String name, int port, FreshPostgresDatabase database, String... more) {
    List<String> arguments = new java.util.ArrayList<>(List.of(
        "--spring.profiles.active=test-node",
        "--spring.datasource.url=" + database.url(),
        "--spring.datasource.username=" + database.user(),
        "--spring.datasource.password=" + database.password(),
        "--server.port=" + port,
        "--camunda.bpm.process-engine-name=" + name));
    arguments.addAll(List.of(more));
    return arguments;
  }

  static int freePort() {
    return TestPorts.free();
  }
}
