package io.operatorconnect.dialog;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The open dialogs as the desk lists them, as committed: those waiting to be accepted by hand, those of one
 * operator, those of every operator. One dialog's row, locked for a change, is {@link DialogRepository}'s.
 */
@Repository
public class OpenDialogs {

  private final JdbcClient jdbc;

  OpenDialogs(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The dialogs waiting for an operator to accept them, the longest waiting first. */
  public List<Dialog> requested() {
    return jdbc.sql("SELECT * FROM oc_dialog WHERE state = 'REQUESTED' ORDER BY queued_at, id")
        .query(DialogRepository::row).list();
  }

  /** The operator's open dialogs, the longest held first. */
  public List<Dialog> ofOperator(String operatorId) {
    return jdbc.sql("SELECT * FROM oc_dialog WHERE state = 'TAKEN_OVER' AND operator_id = ? ORDER BY assigned_at, id")
        .param(operatorId).query(DialogRepository::row).list();
  }

  /** Every operator's open dialogs, the longest held first; at most {@code limit} of them. */
  public List<Dialog> withOperators(int limit) {
    return jdbc.sql("SELECT * FROM oc_dialog WHERE state = 'TAKEN_OVER' ORDER BY assigned_at, id LIMIT ?")
        .param(limit).query(DialogRepository::row).list();
  }
}
