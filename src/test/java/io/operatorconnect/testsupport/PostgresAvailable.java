package io.operatorconnect.testsupport;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs {@link PostgresTest}s only where PostgreSQL answers, unless they are required (CI), in which
 * case they always run and fail loudly without a database.
 */
public class PostgresAvailable implements ExecutionCondition {

  static final String REQUIRED = "operator-connect.test.postgres";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if ("required".equals(System.getProperty(REQUIRED)) || "required".equals(System.getenv("OC_TEST_POSTGRES"))) {
      return ConditionEvaluationResult.enabled("PostgreSQL tests are required");
    }
    String url = System.getenv().getOrDefault("OC_TEST_POSTGRES_URL",
        "jdbc:postgresql://127.0.0.1:5432/operator_connect_test");
    URI address = URI.create(url.substring("jdbc:".length()));
    int port = address.getPort() < 0 ? 5432 : address.getPort();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address.getHost(), port), 500);
      return ConditionEvaluationResult.enabled("PostgreSQL answers at " + address.getHost() + ":" + port);
    } catch (Exception e) {
      return ConditionEvaluationResult.disabled("no PostgreSQL at " + address.getHost() + ":" + port
          + "; start one (see .ci/run) to run the PostgreSQL tests");
    }
  }
}
