package io.operatorconnect.stats;

import io.operatorconnect.system.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The times of the dialogs created in a period, read from the database: right across nodes, whichever node
 * served which dialog. One query; the operator's first message after the assignment through the transcript's
 * index per dialog.
 */
@Repository
class StatsRepository {

  private final JdbcClient jdbc;

  StatsRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<DialogTimes> created(Instant from, Instant to, String subject, String operatorId) {
    StringBuilder sql = new StringBuilder("""
        SELECT d.subject, d.operator_id, d.state, d.close_reason, d.queued_at, d.assigned_at, d.closed_at,
               (SELECT MIN(m.created_at) FROM oc_message m
                 WHERE m.dialog_id = d.id AND m.sender = 'OPERATOR' AND m.created_at >= d.assigned_at) AS first_response_at
          FROM oc_dialog d
         WHERE d.created_at >= ? AND d.created_at < ?""");
    List<Object> params = new ArrayList<>(List.of(Times.toDb(from), Times.toDb(to)));
    if (subject != null) {
      sql.append(" AND d.subject = ?");
      params.add(subject);
    }
    if (operatorId != null) {
      sql.append(" AND d.operator_id = ?");
      params.add(operatorId);
    }
    return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new DialogTimes(rs.getString("subject"),
        rs.getString("operator_id"), "ABANDONED".equals(rs.getString("close_reason")),
        "CLOSED".equals(rs.getString("state")), Times.fromDb(rs, "queued_at"), Times.fromDb(rs, "assigned_at"),
        Times.fromDb(rs, "closed_at"), Times.fromDb(rs, "first_response_at"))).list();
  }
}
