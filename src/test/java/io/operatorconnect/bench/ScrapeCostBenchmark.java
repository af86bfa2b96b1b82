package io.operatorconnect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.operator.OperatorRepository;
import io.operatorconnect.queue.QueueRepository;
import io.operatorconnect.routing.OperatorStatus;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import io.operatorconnect.testsupport.PrometheusScrape;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Prints what the gauges cost with 10,000 operators in 50 groups, 2,000 queued dialogs and 20,000
 * closed ones on the embedded H2: the snapshot queries one by one, and a whole {@code /actuator/prometheus}
 * scrape over HTTP in the test profile, where {@code snapshot-max-age} is 0 and every gauge reads the
 * database (the worst case; with the default 5 s a scrape reads each snapshot at most once).
 * Run it with {@code ./mvnw -B test -Dtest=ScrapeCostBenchmark}; it asserts only the figures, never a time.
 */
@OperatorConnectTest
class ScrapeCostBenchmark {

  private static final int OPERATORS = 10_000;
  private static final int GROUPS = 50;
  private static final int QUEUED = 2_000;
  private static final int CLOSED = 20_000;
  private static final int WARM_UP = 20;
  private static final int MEASURED = 100;

  @LocalServerPort
  int port;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  OperatorRepository operators;
  @Autowired
  QueueRepository queueReads;

  @Test
  void measureTheGaugesWithTenThousandOperators() {
    // Nothing may serve the fake queue: its dialogs have no scenario behind them.
    jdbc.update("UPDATE oc_panel_settings SET auto_connect = FALSE");
    insertOperatorsAndDialogs();
    HttpApi api = new HttpApi(port);

    List<Long> load = measure(operators::loadByStatus);
    List<Long> queue = measure(() -> {
      operators.groups();
      return queueReads.queuedBySubject();
    });
    List<Long> scrape = measure(() -> PrometheusScrape.of(api));

    PrometheusScrape last = PrometheusScrape.of(api);
    assertThat(last.value("operatorconnect_operators", "status", "ONLINE")).isEqualTo(OPERATORS / 2);
    assertThat(last.value("operatorconnect_queue_dialogs", "subject", "group-7")).isEqualTo(QUEUED / GROUPS);
    System.out.println();
    System.out.println("Gauge cost on H2, " + Runtime.getRuntime().availableProcessors() + " cores, " + OPERATORS
        + " operators in " + GROUPS + " groups, " + QUEUED + " queued and " + CLOSED + " closed dialogs, "
        + MEASURED + " samples each (after " + WARM_UP + " warm-up)");
    System.out.println("| measure | p50 ms | p90 ms | max ms |");
    System.out.println("|---|---|---|---|");
    System.out.println(row("operator load snapshot (one aggregate)", load));
    System.out.println(row("queue snapshot (groups + one aggregate)", queue));
    System.out.println(row("whole scrape over HTTP, every gauge reading the database", scrape));
    System.out.println();
  }

  private void insertOperatorsAndDialogs() {
    OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
    List<Object[]> rows = new ArrayList<>();
    List<Object[]> groups = new ArrayList<>();
    for (int i = 0; i < OPERATORS; i++) {
      OperatorStatus status = i % 2 == 0 ? OperatorStatus.ONLINE : (i % 4 == 1 ? OperatorStatus.AWAY : OperatorStatus.OFFLINE);
      rows.add(new Object[] {"op-" + i, "Operator " + i, status.name(), 3, now, now, now});
      groups.add(new Object[] {"op-" + i, "group-" + (i % GROUPS)});
    }
    jdbc.batchUpdate("INSERT INTO oc_operator (id, name, status, max_dialogs, active_dialogs, status_changed_at,"
        + " created_at, last_seen_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)", rows);
    jdbc.batchUpdate("INSERT INTO oc_operator_group (operator_id, group_name) VALUES (?, ?)", groups);
    List<Object[]> dialogRows = new ArrayList<>();
    for (int i = 0; i < QUEUED + CLOSED; i++) {
      boolean queued = i < QUEUED;
      dialogRows.add(new Object[] {"dialog-" + i, "client-" + i, queued ? "QUEUED" : "CLOSED",
          "group-" + (i % GROUPS), now.minusSeconds(600), now.minusSeconds(i % 300), queued ? null : now});
    }
    jdbc.batchUpdate("INSERT INTO oc_dialog (id, channel, client_id, scenario, state, subject, created_at, queued_at,"
        + " closed_at) VALUES (?, 'telegram', ?, 'support_chat', ?, ?, ?, ?, ?)", dialogRows);
  }

  private static List<Long> measure(Supplier<?> work) {
    for (int i = 0; i < WARM_UP; i++) {
      work.get();
    }
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < MEASURED; i++) {
      long begin = System.nanoTime();
      work.get();
      nanos.add(System.nanoTime() - begin);
    }
    return nanos;
  }

  private static String row(String measure, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return "| " + measure + " | " + ms(sorted.get(sorted.size() / 2)) + " | " + ms(sorted.get(sorted.size() * 9 / 10))
        + " | " + ms(sorted.get(sorted.size() - 1)) + " |";
  }

  private static String ms(long nanos) {
    return String.format("%.1f", nanos / 1_000_000.0);
  }
}
