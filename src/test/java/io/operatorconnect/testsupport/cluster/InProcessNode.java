package io.operatorconnect.testsupport.cluster;

import io.operatorconnect.OperatorConnectApplication;
import io.operatorconnect.testsupport.AssignmentAudit;
import io.operatorconnect.testsupport.HttpApi;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node as a Spring application context of its own in the test's JVM: its own engine, connection
 * pool, dispatcher and web server on the shared database. It carries an {@link AssignmentAudit},
 * which checks every assignment inside the transaction that makes it.
 */
public final class InProcessNode implements ClusterNode {

  private final String name;
  private final ConfigurableApplicationContext context;
  private final HttpApi api;

  private InProcessNode(String name, ConfigurableApplicationContext context) {
    this.name = name;
    this.context = context;
    this.api = new HttpApi(port());
  }

  /** Starts a node on the database; {@code name} must be a Java identifier (it names the node's engine). */
  public static InProcessNode start(String name, FreshPostgresDatabase database, String... moreArguments) {
    return start(name, ClusterNode.arguments(name, 0, database, moreArguments));
  }

  /** Starts a node with exactly these command-line arguments. */
  public static InProcessNode start(String name, List<String> arguments) {
    ConfigurableApplicationContext context = new SpringApplicationBuilder(OperatorConnectApplication.class,
        AssignmentAudit.class).run(arguments.toArray(String[]::new));
    return new InProcessNode(name, context);
  }

  @Override
  public HttpApi api() {
    return api;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  public AssignmentAudit audit() {
    return context.getBean(AssignmentAudit.class);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
