package io.operatorconnect.dialog;

import io.operatorconnect.system.Times;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finds dialogs for {@code GET /api/dialogs}, newest first, a page at a time: one query, the page's size plus
 * one to know whether there is a next page. The text is looked for in the transcript, in any case.
 */
@Repository
class DialogSearch {

  /** A dialog found, with what its row holds beside the dialog record (the connect error, the close's outcome). */
  record Found(Dialog dialog, DialogNotes.Notes notes) {
  }

  /** One page and, when there is more, where the next one starts. */
  record Page(List<Found> dialogs, DialogQuery.Cursor next) {
  }

  private final JdbcClient jdbc;

  DialogSearch(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Page find(DialogQuery query) {
    StringBuilder sql = new StringBuilder("SELECT d.* FROM oc_dialog d WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    equal(sql, params, "d.state", query.state() == null ? null : query.state().name());
    equal(sql, params, "d.operator_id", query.operatorId());
    equal(sql, params, "d.client_id", query.clientId());
    equal(sql, params, "d.channel", query.channel());
    equal(sql, params, "d.subject", query.subject());
    if (query.from() != null) {
      sql.append(" AND d.created_at >= ?");
      params.add(Times.toDb(query.from()));
    }
    if (query.to() != null) {
      sql.append(" AND d.created_at < ?");
      params.add(Times.toDb(query.to()));
    }
    if (query.text() != null) {
      sql.append(" AND EXISTS (SELECT 1 FROM oc_message m WHERE m.dialog_id = d.id AND LOWER(m.text) LIKE ? ESCAPE '!')");
      params.add("%" + likeEscaped(query.text().toLowerCase(java.util.Locale.ROOT)) + "%");
    }
    if (query.onlyFor() != null) {
      // an operator: their own dialogs, those that wait for somebody to take them, and those of the clients they
      // are with now (as GET /api/dialogs/{id} lets them read)
      sql.append(" AND (d.operator_id = ? OR d.state IN ('REQUESTED', 'QUEUED') OR EXISTS (SELECT 1 FROM oc_dialog w"
          + " WHERE w.operator_id = ? AND w.state = 'TAKEN_OVER' AND w.channel = d.channel AND w.client_id = d.client_id))");
      params.add(query.onlyFor());
      params.add(query.onlyFor());
    }
    if (query.after() != null) {
      sql.append(" AND (d.created_at < ? OR (d.created_at = ? AND d.id < ?))");
      params.add(Times.toDb(query.after().createdAt()));
      params.add(Times.toDb(query.after().createdAt()));
      params.add(query.after().id());
    }
    sql.append(" ORDER BY d.created_at DESC, d.id DESC LIMIT ").append(query.limit() + 1);
    List<Found> found = jdbc.sql(sql.toString()).params(params)
        .query((rs, n) -> new Found(DialogRepository.row(rs, n), DialogNotes.Notes.of(rs))).list();
    if (found.size() <= query.limit()) {
      return new Page(found, null);
    }
    Dialog last = found.get(query.limit() - 1).dialog();
    return new Page(found.subList(0, query.limit()), new DialogQuery.Cursor(last.createdAt(), last.id()));
  }

  /** Whether the operator has a dialog of this client on this channel now: they may read the client's others. */
  boolean isWith(String operatorId, String channel, String clientId) {
    return jdbc.sql("SELECT COUNT(*) FROM oc_dialog WHERE operator_id = ? AND state = 'TAKEN_OVER' AND channel = ?"
            + " AND client_id = ?")
        .params(operatorId, channel, clientId).query(Integer.class).single() > 0;
  }

  private static void equal(StringBuilder sql, List<Object> params, String column, String value) {
    if (value != null) {
      sql.append(" AND ").append(column).append(" = ?");
      params.add(value);
    }
  }

  /** The text as a LIKE pattern's literal part: its own % and _ match themselves. */
  private static String likeEscaped(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
