package io.operatorconnect.panel;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How far each operator has read each dialog ({@code oc_read_mark}); a mark only ever moves forward. */
@Repository
class ReadMarks {

  private final JdbcClient jdbc;

  ReadMarks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The operator has read the dialog up to the line {@code messageId}; an older mark than theirs changes nothing. */
  void read(String dialogId, String operatorId, long messageId) {
    int moved = jdbc.sql("UPDATE oc_read_mark SET message_id = ? WHERE dialog_id = ? AND operator_id = ?"
            + " AND message_id < ?")
        .params(messageId, dialogId, operatorId, messageId).update();
    if (moved == 0 && jdbc.sql("SELECT COUNT(*) FROM oc_read_mark WHERE dialog_id = ? AND operator_id = ?")
        .params(dialogId, operatorId).query(Integer.class).single() == 0) {
      try {
        jdbc.sql("INSERT INTO oc_read_mark (dialog_id, operator_id, message_id) VALUES (?, ?, ?)")
            .params(dialogId, operatorId, messageId).update();
      } catch (DuplicateKeyException otherTab) {
        // the operator's other tab marked it first: move that mark instead
        jdbc.sql("UPDATE oc_read_mark SET message_id = ? WHERE dialog_id = ? AND operator_id = ? AND message_id < ?")
            .params(messageId, dialogId, operatorId, messageId).update();
      }
    }
  }
}
