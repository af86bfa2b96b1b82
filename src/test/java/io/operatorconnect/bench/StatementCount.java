package io.operatorconnect.bench;

import io.operatorconnect.testsupport.AssignmentAudit;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestComponent;

/**
 * Counts the SQL statements the application sends to its database, the engine's and Operator Connect's
 * alike, by wrapping the application's {@link DataSource}: every statement once, every row of a JDBC
 * batch once (the engine flushes its inserts and deletes in batches), commits not at all. The
 * {@link AssignmentAudit}'s own statements, which only the benchmark makes, are left out.
 * <p>
 * What a flow costs in statements does not depend on how busy the machine is, so it compares runs and
 * changes where processor time cannot; it still moves with the share of dialogs served from the queue,
 * whose path sends more.
 */
@TestComponent
public class StatementCount implements BeanPostProcessor, QueryExecutionListener {

  private final LongAdder statements = new LongAdder();

  /** The statements sent since the application started. */
  public long total() {
    return statements.sum();
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource) {
      return ProxyDataSourceBuilder.create(dataSource).name(beanName).listener(this).build();
    }
    return bean;
  }

  @Override
  public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
  }

  @Override
  public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
    if (AssignmentAudit.checking()) {
      return;
    }
    for (QueryInfo query : queries) {
      // a prepared statement's batch: one parameter set per row; a plain statement has none
      statements.add(Math.max(1, query.getParametersList().size()));
    }
  }
}
