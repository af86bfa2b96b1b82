package io.operatorconnect.testsupport.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What must hold in every committed state of the database, checked again and again while a test runs
 * (each check is one statement, so it sees one consistent snapshot): no operator above their limit or
 * a channel limit, and each operator's load counter equal to their dialogs with an operator and to
 * their open user tasks, so no slot leaks; no dialog with two open operator tasks. Works for nodes of
 * any kind, killed ones included, because it only reads the database.
 */
public final class ClusterInvariants implements AutoCloseable {

  private static final String OPERATORS = """
      SELECT o.id, o.max_dialogs, o.active_dialogs,
             (SELECT COUNT(*) FROM oc_dialog d WHERE d.operator_id = o.id AND d.state = 'TAKEN_OVER') AS open_dialogs,
             (SELECT COUNT(*) FROM act_ru_task t WHERE t.assignee_ = o.id) AS open_tasks
      FROM oc_operator o""";
  private static final String CHANNELS = """
      SELECT l.operator_id, l.channel, l.max_dialogs,
             (SELECT COUNT(*) FROM oc_dialog d
              WHERE d.operator_id = l.operator_id AND d.channel = l.channel AND d.state = 'TAKEN_OVER') AS open_dialogs
      FROM oc_operator_channel_limit l""";
  private static final String TWO_TASKS = """
      SELECT t.proc_inst_id_ FROM act_ru_task t WHERE t.assignee_ IS NOT NULL
      GROUP BY t.proc_inst_id_ HAVING COUNT(*) > 1""";

  private final JdbcClient jdbc;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicInteger samples = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean();
  private Thread sampler;

  public ClusterInvariants(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Checks continuously, a few milliseconds apart, on a thread of its own until {@link #close()}. */
  public ClusterInvariants start() {
    return start(Duration.ofMillis(2));
  }

  /** Checks on a thread of its own, {@code pause} apart, until {@link #close()}. */
  public ClusterInvariants start(Duration pause) {
    running.set(true);
    sampler = new Thread(() -> {
      while (running.get()) {
        try {
          violations.addAll(checkNow());
          samples.incrementAndGet();
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // the database may be busy; the next sample checks again
        }
      }
    }, "cluster-invariants");
    sampler.setDaemon(true);
    sampler.start();
    return this;
  }

  /** One check of every invariant; the violations found, if any. */
  public List<String> checkNow() {
    List<String> found = new ArrayList<>();
    jdbc.sql(OPERATORS).query((rs, row) -> {
      String id = rs.getString("id");
      int max = rs.getInt("max_dialogs");
      int counter = rs.getInt("active_dialogs");
      int open = rs.getInt("open_dialogs");
      int tasks = rs.getInt("open_tasks");
      if (open > max) {
        found.add(id + " has " + open + " dialogs, limit " + max);
      }
      if (counter != open || counter != tasks) {
        found.add(id + " counts " + counter + " active dialogs, has " + open + " dialogs and " + tasks + " open tasks");
      }
      return null;
    }).list();
    jdbc.sql(CHANNELS).query((rs, row) -> {
      if (rs.getInt("open_dialogs") > rs.getInt("max_dialogs")) {
        found.add(rs.getString("operator_id") + " has " + rs.getInt("open_dialogs") + " dialogs on "
            + rs.getString("channel") + ", limit " + rs.getInt("max_dialogs"));
      }
      return null;
    }).list();
    jdbc.sql(TWO_TASKS).query(String.class).list()
        .forEach(instance -> found.add("process instance " + instance + " has two open operator tasks"));
    return found;
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  public int samples() {
    return samples.get();
  }

  @Override
  public void close() {
    running.set(false);
    if (sampler != null) {
      try {
        sampler.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
