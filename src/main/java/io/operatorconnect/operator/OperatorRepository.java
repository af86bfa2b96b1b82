package io.operatorconnect.operator;

import io.operatorconnect.routing.OperatorStatus;
import io.operatorconnect.system.Times;
import io.operatorconnect.system.TransactionMemo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Operators in {@code oc_operator} and its group and channel-limit tables: their storage, their load and the
 * figures by status and group. The reads that route a dialog are {@link RoutingReads}.
 */
@Repository
public class OperatorRepository {

  static final String COLUMNS =
      "id, name, status, max_dialogs, active_dialogs, last_assigned_at, last_closed_at, status_changed_at, last_seen_at";

  private final JdbcClient jdbc;

  OperatorRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String id, String name, Collection<String> groups, int maxDialogs, Map<String, Integer> channelLimits,
      OperatorStatus status, Instant now) {
    jdbc.sql("""
            INSERT INTO oc_operator (id, name, status, max_dialogs, active_dialogs, status_changed_at, created_at,
                                     last_seen_at)
            VALUES (?, ?, ?, ?, 0, ?, ?, ?)""")
        .params(id, name, status.name(), maxDialogs, Times.toDb(now), Times.toDb(now), Times.toDb(now))
        .update();
    replaceGroups(id, groups);
    replaceChannelLimits(id, channelLimits);
  }

  public boolean exists(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM oc_operator WHERE id = ?").param(id).query(Integer.class).single() > 0;
  }

  public Optional<Operator> findById(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM oc_operator WHERE id = ?").param(id)
        .query((rs, n) -> row(rs)).optional()
        .map(row -> complete(List.of(row), BY_ID).get(0));
  }

  public List<Operator> findAll() {
    return complete(jdbc.sql("SELECT " + COLUMNS + " FROM oc_operator ORDER BY id").query((rs, n) -> row(rs)).list(),
        WHOLE_TABLES);
  }

  /**
   * Locks the operator's row until the surrounding transaction ends and reads it afresh. Every
   * change of an operator's load happens under this lock, so what it returns stays true until commit.
   */
  Optional<Operator> lockAndRead(String id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM oc_operator WHERE id = ? FOR UPDATE").param(id)
        .query((rs, n) -> row(rs)).optional()
        .map(row -> complete(List.of(row), BY_ID).get(0));
  }

  void update(String id, String name, int maxDialogs) {
    jdbc.sql("UPDATE oc_operator SET name = ?, max_dialogs = ? WHERE id = ?").params(name, maxDialogs, id).update();
  }

  void updateStatus(String id, OperatorStatus status, Instant now) {
    jdbc.sql("UPDATE oc_operator SET status = ?, status_changed_at = ? WHERE id = ?")
        .params(status.name(), Times.toDb(now), id).update();
  }

  /** The operator was heard from (a heartbeat, a status call); false for an unknown operator. */
  boolean seen(String id, Instant now) {
    return jdbc.sql("UPDATE oc_operator SET last_seen_at = ? WHERE id = ?").params(Times.toDb(now), id).update() > 0;
  }

  /** Operators who can receive dialogs but were last heard from before {@code cutoff}. */
  List<String> silentSince(Instant cutoff) {
    return jdbc.sql("SELECT id FROM oc_operator WHERE status <> 'OFFLINE' AND last_seen_at < ? ORDER BY id")
        .param(Times.toDb(cutoff)).query(String.class).list();
  }

  /** OFFLINE operators who still have dialogs. */
  public List<String> offlineWithDialogs() {
    return jdbc.sql("SELECT id FROM oc_operator WHERE status = 'OFFLINE' AND active_dialogs > 0 ORDER BY id")
        .query(String.class).list();
  }

  void incrementActive(String id, Instant now) {
    jdbc.sql("UPDATE oc_operator SET active_dialogs = active_dialogs + 1, last_assigned_at = ? WHERE id = ?")
        .params(Times.toDb(now), id).update();
  }

  /** Frees one slot; never below zero, so a repeated release cannot corrupt the count. */
  int decrementActive(String id, Instant now) {
    return jdbc.sql("""
            UPDATE oc_operator SET active_dialogs = active_dialogs - 1, last_closed_at = ?
            WHERE id = ? AND active_dialogs > 0""")
        .params(Times.toDb(now), id).update();
  }

  void replaceGroups(String id, Collection<String> groups) {
    TransactionMemo.forget(OperatorRepository.class);
    jdbc.sql("DELETE FROM oc_operator_group WHERE operator_id = ?").param(id).update();
    for (String group : new TreeSet<>(groups)) {
      jdbc.sql("INSERT INTO oc_operator_group (operator_id, group_name) VALUES (?, ?)").params(id, group).update();
    }
  }

  void replaceChannelLimits(String id, Map<String, Integer> limits) {
    jdbc.sql("DELETE FROM oc_operator_channel_limit WHERE operator_id = ?").param(id).update();
    new TreeMap<>(limits).forEach((channel, max) -> jdbc
        .sql("INSERT INTO oc_operator_channel_limit (operator_id, channel, max_dialogs) VALUES (?, ?, ?)")
        .params(id, channel, max).update());
  }

  /**
   * How many dialogs the ONLINE operators of the group can hold at once (the sum of their
   * {@code max_dialogs}); of all ONLINE operators when {@code group} is null.
   */
  public int onlineSlots(String group) {
    String sql = "SELECT COALESCE(SUM(o.max_dialogs), 0) FROM oc_operator o WHERE o.status = 'ONLINE'";
    // From the ONLINE operators (those at work now, through the status index), each checked for
    // membership: the people on shift are fewer than a subject's members over all shifts, which the
    // IN (members) form walked in full.
    var query = group == null
        ? jdbc.sql(sql)
        : jdbc.sql(sql + " AND EXISTS (SELECT 1 FROM oc_operator_group g WHERE g.operator_id = o.id"
            + " AND g.group_name = ?)").param(group);
    return query.query(Integer.class).single();
  }

  /** Every group (subject) that has members. */
  public List<String> groups() {
    return jdbc.sql("SELECT DISTINCT group_name FROM oc_operator_group ORDER BY group_name").query(String.class).list();
  }

  /** Operators of one status: how many, the dialogs they hold and the dialogs they may hold at once. */
  public record StatusLoad(int operators, int activeDialogs, int maxDialogs) {

    public static final StatusLoad NONE = new StatusLoad(0, 0, 0);
  }

  /** The load of all operators by status, in one aggregate over {@code oc_operator}. */
  public Map<OperatorStatus, StatusLoad> loadByStatus() {
    Map<OperatorStatus, StatusLoad> load = new EnumMap<>(OperatorStatus.class);
    jdbc.sql("""
            SELECT status, COUNT(*) AS operators, COALESCE(SUM(active_dialogs), 0) AS active,
                   COALESCE(SUM(max_dialogs), 0) AS capacity
            FROM oc_operator GROUP BY status""")
        .query(rs -> {
          load.put(OperatorStatus.valueOf(rs.getString("status")),
              new StatusLoad(rs.getInt("operators"), rs.getInt("active"), rs.getInt("capacity")));
        });
    return load;
  }

  /**
   * Whether any operator belongs to the group: a subject is known exactly when it has members. Asked
   * once per transaction ({@link TransactionMemo}).
   */
  public boolean groupExists(String group) {
    // the first member is enough: a count would read every member of a large subject on each connect
    return TransactionMemo.get(OperatorRepository.class, group, () -> jdbc
        .sql("SELECT 1 FROM oc_operator_group WHERE group_name = ? LIMIT 1").param(group)
        .query(Integer.class).optional().isPresent());
  }

  private static final boolean BY_ID = true;
  private static final boolean WHOLE_TABLES = false;

  /**
   * The rows with their groups, channel limits and dialogs per channel: read for these operators
   * {@code byId} (a decision's few, one locked row), or, when the rows are every operator, from the
   * whole tables.
   */
  private List<Operator> complete(List<Row> rows, boolean byId) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, SortedSet<String>> groups = new HashMap<>();
    Map<String, Map<String, Integer>> limits = new HashMap<>();
    Map<String, Map<String, Integer>> active = new HashMap<>();
    List<String> ids = rows.stream().map(Row::id).toList();
    String in = byId ? "operator_id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")" : null;
    var groupQuery = jdbc.sql("SELECT operator_id, group_name FROM oc_operator_group" + (byId ? " WHERE " + in : ""));
    var limitQuery = jdbc.sql("SELECT operator_id, channel, max_dialogs FROM oc_operator_channel_limit"
        + (byId ? " WHERE " + in : ""));
    // The ids as a VALUES list joined on (operator_id, state), not "operator_id IN (...)": H2 looks an IN list
    // up on the index's first column alone and then reads every dialog those operators ever had, closed ones
    // too, so that each decision got slower with every dialog closed (1,900 rows for 5 operators after
    // 4,000 dialogs in the benchmark). The join looks up each operator's open dialogs only.
    var activeQuery = jdbc.sql(byId
        ? "SELECT d.operator_id, d.channel, COUNT(*) AS n FROM (VALUES "
            + String.join(", ", Collections.nCopies(ids.size(), "(?)")) + ") AS wanted (id)"
            + " JOIN oc_dialog d ON d.operator_id = wanted.id AND d.state = 'TAKEN_OVER'"
            + " GROUP BY d.operator_id, d.channel"
        : "SELECT operator_id, channel, COUNT(*) AS n FROM oc_dialog WHERE state = 'TAKEN_OVER'"
            + " GROUP BY operator_id, channel");
    if (byId) {
      groupQuery = groupQuery.params(ids);
      limitQuery = limitQuery.params(ids);
      activeQuery = activeQuery.params(ids);
    }
    groupQuery.query(rs -> {
      groups.computeIfAbsent(rs.getString("operator_id"), k -> new TreeSet<>()).add(rs.getString("group_name"));
    });
    limitQuery.query(rs -> {
      limits.computeIfAbsent(rs.getString("operator_id"), k -> new TreeMap<>())
          .put(rs.getString("channel"), rs.getInt("max_dialogs"));
    });
    activeQuery.query(rs -> {
      active.computeIfAbsent(rs.getString("operator_id"), k -> new TreeMap<>())
          .put(rs.getString("channel"), rs.getInt("n"));
    });
    List<Operator> operators = new ArrayList<>(rows.size());
    for (Row row : rows) {
      operators.add(new Operator(row.id(), row.name(),
          groups.getOrDefault(row.id(), new TreeSet<>()), row.maxDialogs(),
          limits.getOrDefault(row.id(), Map.of()), row.status(), row.activeDialogs(),
          active.getOrDefault(row.id(), Map.of()), row.lastAssignedAt(), row.lastClosedAt(), row.statusChangedAt(),
          row.lastSeenAt()));
    }
    return operators;
  }

  static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getString("id"), rs.getString("name"), OperatorStatus.valueOf(rs.getString("status")),
        rs.getInt("max_dialogs"), rs.getInt("active_dialogs"), Times.fromDb(rs, "last_assigned_at"),
        Times.fromDb(rs, "last_closed_at"), Times.fromDb(rs, "status_changed_at"), Times.fromDb(rs, "last_seen_at"));
  }

  record Row(String id, String name, OperatorStatus status, int maxDialogs, int activeDialogs,
      Instant lastAssignedAt, Instant lastClosedAt, Instant statusChangedAt, Instant lastSeenAt) {
  }
}
