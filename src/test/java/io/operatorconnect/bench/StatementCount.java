package io.operatorconnect.bench;

import io.operatorconnect.testsupport.AssignmentAudit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * <p>
 * While {@link #sortByKind} is on, it also counts the statements by {@link #kindOf kind} (what they do
 * to which table), for the figures per path; under the load it only counts.
 */
@TestComponent
public class StatementCount implements BeanPostProcessor, QueryExecutionListener {

  /** An insert's, update's or delete's verb and table. */
  private static final Pattern WRITE = Pattern.compile("^(insert)\\s+into\\s+\"?(\\w+)|^(update)\\s+\"?(\\w+)"
      + "|^(delete)\\s+from\\s+\"?(\\w+)", Pattern.CASE_INSENSITIVE);
  /** A table's name after a select's {@code FROM}. */
  private static final Pattern TABLE = Pattern.compile("^\\s+\"?(\\w+)");

  private final LongAdder statements = new LongAdder();
  private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
  private volatile boolean sortByKind;

  /** The statements sent since the application started. */
  public long total() {
    return statements.sum();
  }

  /** Counts by kind from now on as well, or stops it. */
  void sortByKind(boolean on) {
    sortByKind = on;
  }

  /** The statements counted by kind so far, kind by kind. */
  SortedMap<String, Long> byKind() {
    SortedMap<String, Long> counts = new TreeMap<>();
    byKind.forEach((kind, count) -> counts.put(kind, count.sum()));
    return counts;
  }

  /**
   * What a statement does to which table, as {@code "insert ACT_HI_VARINST"}: its verb and its table (a
   * select's table is the first one its own {@code FROM} names, not a subquery's), upper case as the engine
   * writes it; {@code "other"} for anything else.
   */
  static String kindOf(String sql) {
    String text = sql.strip();
    Matcher write = WRITE.matcher(text);
    if (write.find()) {
      for (int group = 1; group < 6; group += 2) {
        if (write.group(group) != null) {
          return kind(write.group(group), write.group(group + 1));
        }
      }
    }
    if (text.regionMatches(true, 0, "select", 0, 6)) {
      String table = selectedTable(text);
      if (table != null) {
        return kind("select", table);
      }
    }
    return "other";
  }

  /** The table named after the select's own {@code FROM}: the first one outside any parentheses. */
  private static String selectedTable(String select) {
    int depth = 0;
    for (int i = 0; i < select.length(); i++) {
      char c = select.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0 && select.regionMatches(true, i, "from", 0, 4)
          && (i == 0 || !isNamePart(select.charAt(i - 1)))) {
        Matcher table = TABLE.matcher(select.substring(i + 4));
        if (table.find()) {
          return table.group(1);
        }
      }
    }
    return null;
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static String kind(String verb, String table) {
    return verb.toLowerCase(Locale.ROOT) + " " + table.toUpperCase(Locale.ROOT);
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
      int rows = Math.max(1, query.getParametersList().size());
      statements.add(rows);
      if (sortByKind) {
        byKind.computeIfAbsent(kindOf(query.getQuery()), kind -> new LongAdder()).add(rows);
      }
    }
  }
}
