package io.operatorconnect.operator;

import io.operatorconnect.routing.Candidate;
import io.operatorconnect.routing.DistributionMethod;
import io.operatorconnect.routing.OperatorStatus;
import io.operatorconnect.routing.RoutingRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reads that route a dialog: the operators who may take it now, best first; the operators a decision
 * names with why each was skipped; and an operator locked for a reservation. Each operator comes as the
 * request sees them ({@link Candidate}), with the limit and the dialogs on the request's channel, in the
 * same statement.
 */
@Repository
public class RoutingReads {

  /** {@link OperatorRepository#COLUMNS} of the row aliased {@code o}. */
  private static final String ROUTING_COLUMNS = "o." + OperatorRepository.COLUMNS.replace(", ", ", o.");

  /**
   * What a request looks at besides {@link #ROUTING_COLUMNS}: the operator's limit on the request's
   * channel (null: none) and their dialogs on it. Two parameters: the channel, twice.
   */
  private static final String REQUEST_COLUMNS = """
      , (SELECT l.max_dialogs FROM oc_operator_channel_limit l
          WHERE l.operator_id = o.id AND l.channel = ?) AS channel_limit
      , (SELECT COUNT(*) FROM oc_dialog d
          WHERE d.operator_id = o.id AND d.state = 'TAKEN_OVER' AND d.channel = ?) AS channel_dialogs
      """;

  /** Whether the operator {@code o} belongs to the request's subject, the parameter. */
  private static final String IN_SUBJECT =
      ", EXISTS (SELECT 1 FROM oc_operator_group g WHERE g.operator_id = o.id AND g.group_name = ?) AS in_subject";

  private final JdbcClient jdbc;

  RoutingReads(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The operators who may take the dialog now, best first by the request's method, at most
   * {@code limit} of each receiving status: the {@link io.operatorconnect.routing.Eligibility} rule
   * and the method's order written as SQL, so that a decision reads a few rows through the routing
   * indexes (V3) whatever the number of operators. {@code OperatorSelectionTests} holds this query to
   * the rule and to the router's order. Never returns {@code excluded}.
   * <p>
   * Each comes as the request sees them, in the same statement: their limit and their dialogs on the
   * request's channel, and the request's subject as their one group (the query asks for members only).
   * That is all the router looks at, so nothing else is read for them.
   */
  public List<Candidate> eligible(RoutingRequest request, String excluded, int limit) {
    List<OperatorStatus> receiving = Arrays.stream(OperatorStatus.values())
        .filter(status -> status.canReceive(request.onlyOnline())).toList();
    if (drawsAtRandom(request.method())) {
      // one draw over every receiving status: a few drawn from each would favour the smaller status
      return eligibleRows(request, excluded, receiving, null, limit);
    }
    List<Candidate> rows = new ArrayList<>();
    for (OperatorStatus status : receiving) {
      List<OperatorStatus> one = List.of(status);
      if (request.method() == DistributionMethod.ROUND_ROBIN && request.rotationCursor() != null) {
        // the rotation's next operators, then (wrapping around) its first ones
        List<Candidate> after = eligibleRows(request, excluded, one, "o.id > ?", limit);
        rows.addAll(after);
        if (after.size() < limit) {
          rows.addAll(eligibleRows(request, excluded, one, "o.id <= ?", limit - after.size()));
        }
      } else {
        rows.addAll(eligibleRows(request, excluded, one, null, limit));
      }
    }
    return rows;
  }

  private List<Candidate> eligibleRows(RoutingRequest request, String excluded, List<OperatorStatus> statuses,
      String cursorCondition, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + ROUTING_COLUMNS + REQUEST_COLUMNS
        + " FROM oc_operator o WHERE o.status"
        + (statuses.size() == 1 ? " = ?" : " IN (" + String.join(", ", Collections.nCopies(statuses.size(), "?")) + ")")
        + " " + """
         AND o.active_dialogs < o.max_dialogs
          AND NOT EXISTS (SELECT 1 FROM oc_operator_channel_limit l
                           WHERE l.operator_id = o.id AND l.channel = ?
                             AND l.max_dialogs <= (SELECT COUNT(*) FROM oc_dialog d
                                                    WHERE d.operator_id = o.id AND d.state = 'TAKEN_OVER'
                                                      AND d.channel = l.channel))""");
    List<Object> params = new ArrayList<>(List.of(request.channel(), request.channel()));
    statuses.forEach(status -> params.add(status.name()));
    params.add(request.channel());
    onlyRequested(sql, params, request, excluded);
    if (request.subject() != null) {
      sql.append(" AND EXISTS (SELECT 1 FROM oc_operator_group g WHERE g.operator_id = o.id AND g.group_name = ?)");
      params.add(request.subject());
    }
    if (cursorCondition != null) {
      sql.append(" AND ").append(cursorCondition);
      params.add(request.rotationCursor());
    }
    // The limit is written into the statement, not bound: PostgreSQL then finds its cached generic plan
    // as cheap as a fresh one and stops planning the query on every decision.
    sql.append(" ORDER BY ").append(rankOrder(request.method())).append(" LIMIT ").append(limit);
    // only the subject's members are found: it is each one's group as the request sees them
    return jdbc.sql(sql.toString()).params(params)
        .query((rs, n) -> asRequestSees(rs, request, request.subject() != null)).list();
  }

  /** A row with {@link #REQUEST_COLUMNS}, as the request sees the operator; {@code inSubject}: of its subject. */
  private static Candidate asRequestSees(ResultSet rs, RoutingRequest request, boolean inSubject)
      throws SQLException {
    OperatorRepository.Row row = OperatorRepository.row(rs);
    int channelLimit = rs.getInt("channel_limit");
    Map<String, Integer> limits = rs.wasNull() ? Map.of() : Map.of(request.channel(), channelLimit);
    return new Candidate(row.id(), row.name(), row.status(), inSubject ? Set.of(request.subject()) : Set.of(),
        row.maxDialogs(), limits, row.activeDialogs(), Map.of(request.channel(), rs.getInt("channel_dialogs")),
        row.lastAssignedAt(), row.lastClosedAt());
  }

  /** Narrows a routing query ({@code o}) to the requested operator, if any, and leaves {@code excluded} out. */
  private static void onlyRequested(StringBuilder sql, List<Object> params, RoutingRequest request, String excluded) {
    if (request.assignedOperator() != null) {
      sql.append(" AND o.id = ?");
      params.add(request.assignedOperator());
    }
    if (excluded != null) {
      sql.append(" AND o.id <> ?");
      params.add(excluded);
    }
  }

  /** The methods that choose at random among equals: their query draws over all receiving statuses at once. */
  private static boolean drawsAtRandom(DistributionMethod method) {
    return method == DistributionMethod.RANDOM || method == DistributionMethod.FEWEST_DIALOGS;
  }

  /**
   * The router's order for the method ({@link io.operatorconnect.routing.Router}). The ordered methods
   * lead with the status (one per query), so that the database walks the matching V3 index in order
   * and stops after {@code limit} rows. The random methods sort the eligible rows in the database by a
   * random key; the router then draws among the rows returned.
   */
  private static String rankOrder(DistributionMethod method) {
    return switch (method) {
      case FEWEST_DIALOGS_THEN_IDLE ->
          "o.status, o.active_dialogs, o.last_closed_at NULLS FIRST, o.last_assigned_at NULLS FIRST, o.id";
      case FEWEST_DIALOGS -> "o.active_dialogs, RANDOM()";
      case LONGEST_IDLE -> "o.status, o.last_assigned_at NULLS FIRST, o.id";
      case ROUND_ROBIN -> "o.status, o.id";
      case RANDOM -> "RANDOM()";
    };
  }

  /**
   * The operators a request could ever go to (the requested operator, whatever their subjects, so
   * that the decision can say they are not in it; else the subject's members, or everybody), whatever
   * their state, in id order, at most {@code limit}: the operators a decision names with the reason each
   * was skipped. Walks an index in id order and stops after {@code limit} rows, however large the subject.
   * Each comes as the request sees them, like {@link #eligible}'s: enough for every reason the rule gives.
   */
  public List<Candidate> inScope(RoutingRequest request, String excluded, int limit) {
    StringBuilder sql;
    List<Object> params = new ArrayList<>(List.of(request.channel(), request.channel()));
    String subject = request.subject();
    boolean bySubject = subject != null && request.assignedOperator() == null;
    if (bySubject) {
      sql = new StringBuilder("SELECT " + ROUTING_COLUMNS + REQUEST_COLUMNS + """
           FROM oc_operator_group g JOIN oc_operator o ON o.id = g.operator_id
          WHERE g.group_name = ?""");
      params.add(subject);
    } else {
      sql = new StringBuilder("SELECT " + ROUTING_COLUMNS + REQUEST_COLUMNS + (subject == null ? "" : IN_SUBJECT)
          + " FROM oc_operator o WHERE 1 = 1");
      if (subject != null) {
        params.add(subject);
      }
    }
    onlyRequested(sql, params, request, excluded);
    sql.append(bySubject ? " ORDER BY g.group_name, g.operator_id" : " ORDER BY o.id");
    sql.append(" LIMIT ").append(limit);
    // read by subject, every one of them is in it
    return jdbc.sql(sql.toString()).params(params)
        .query((rs, n) -> asRequestSees(rs, request, bySubject || subject != null && rs.getBoolean("in_subject")))
        .list();
  }

  /**
   * Locks the operator's row like {@link OperatorRepository#lockAndRead} and reads it afresh as the request
   * sees it: the limit and the dialogs on the request's channel, and the request's subject as their one group
   * when they belong to it. That is all {@link io.operatorconnect.routing.Eligibility} looks at; what the
   * lock holds stays true until commit.
   * <p>
   * Two statements: the lock, then the read. Read in the locking statement, the dialogs would be counted
   * as they were when it began: before the transaction it waited for committed the dialog it gave this
   * operator (PostgreSQL re-reads only the locked row itself after the wait).
   */
  Optional<Candidate> lockForRequest(String id, RoutingRequest request) {
    if (jdbc.sql("SELECT id FROM oc_operator WHERE id = ? FOR UPDATE").param(id).query(String.class).optional()
        .isEmpty()) {
      return Optional.empty();
    }
    String subject = request.subject();
    String sql = "SELECT " + ROUTING_COLUMNS + REQUEST_COLUMNS
        + (subject == null ? "" : IN_SUBJECT) + " FROM oc_operator o WHERE o.id = ?";
    List<Object> params = new ArrayList<>(List.of(request.channel(), request.channel()));
    if (subject != null) {
      params.add(subject);
    }
    params.add(id);
    return jdbc.sql(sql).params(params)
        .query((rs, n) -> asRequestSees(rs, request, subject != null && rs.getBoolean("in_subject")))
        .optional();
  }
}
