package io.operatorconnect.dialog;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a dialog's row says of it beside the {@link Dialog} record, shown and never routed on: why the connect
 * action refused its configuration, what the closing operator said of it (an outcome tag and a note), and why
 * the client ended it. Written once, read for {@code GET /api/dialogs} and the client's history.
 */
@Repository
class DialogNotes {

  /** The notes as {@link DialogView} shows them; any may be null. */
  record Notes(String connectError, String closeOutcome, String closeNote) {

    static final Notes NONE = new Notes(null, null, null);

    /** The notes of a row read with {@code SELECT *} or with these three columns. */
    static Notes of(ResultSet rs) throws SQLException {
      return new Notes(rs.getString("connect_error"), rs.getString("close_outcome"), rs.getString("close_note"));
    }
  }

  private final JdbcClient jdbc;

  DialogNotes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Notes of(String dialogId) {
    return jdbc.sql("SELECT connect_error, close_outcome, close_note FROM oc_dialog WHERE id = ?").param(dialogId)
        .query((rs, n) -> Notes.of(rs)).optional().orElse(Notes.NONE);
  }

  /** Why the connect action could not work as configured (its result, error, is the dialog record's). */
  void connectError(String dialogId, String message) {
    String error = message.length() > 1000 ? message.substring(0, 999) + "…" : message;
    jdbc.sql("UPDATE oc_dialog SET connect_error = ? WHERE id = ?").params(error, dialogId).update();
  }

  /** What the closing operator said of the dialog: an outcome tag and a note, either may be null. */
  void closeOutcome(String dialogId, String outcome, String note) {
    jdbc.sql("UPDATE oc_dialog SET close_outcome = ?, close_note = ? WHERE id = ?").params(outcome, note, dialogId)
        .update();
  }

  /** Why the client ended the dialog ({@code ABANDONED}, {@code CLIENT_LEFT}), once it is closed. */
  void closeReason(String dialogId, String reason) {
    jdbc.sql("UPDATE oc_dialog SET close_reason = ? WHERE id = ?").params(reason, dialogId).update();
  }
}
