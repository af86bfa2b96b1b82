package io.operatorconnect.testsupport;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Dialogs with known times, written to the database as the nodes would have left them, for the figures' tests:
 * the client's first line when the dialog was created and, when it was answered, two of the operator's lines.
 */
public final class KnownDialogs {

  private final JdbcClient jdbc;
  private final String day;

  /** Dialogs of one day, {@code yyyy-MM-dd} (UTC). */
  public KnownDialogs(JdbcClient jdbc, String day) {
    this.jdbc = jdbc;
    this.day = day;
  }

  /** A dialog; each time is {@code HH:mm:ss} of the day, or null for never. */
  public void dialog(String id, String subject, String operatorId, String state, String closeReason, String created,
      String queued, String assigned, String closed, String firstResponse) {
    jdbc.sql("INSERT INTO oc_dialog (id, channel, client_id, state, subject, operator_id, close_reason, created_at,"
            + " queued_at, assigned_at, closed_at, connect_result)"
            + " VALUES (?, 'telegram', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, "client-" + id, state, subject, operatorId, closeReason, at(day, created), at(day, queued),
            at(day, assigned), at(day, closed), assigned == null ? null : "success")
        .update();
    jdbc.sql("INSERT INTO oc_message (dialog_id, sender, text, created_at) VALUES (?, 'CLIENT', 'hello', ?)")
        .params(id, at(day, created)).update();
    if (firstResponse != null) {
      jdbc.sql("INSERT INTO oc_message (dialog_id, sender, operator_id, text, created_at)"
              + " VALUES (?, 'OPERATOR', ?, 'how can I help?', ?)")
          .params(id, operatorId, at(day, firstResponse)).update();
      jdbc.sql("INSERT INTO oc_message (dialog_id, sender, operator_id, text, created_at)"
              + " VALUES (?, 'OPERATOR', ?, 'anything else?', ?)")
          .params(id, operatorId, at(day, firstResponse).plusSeconds(5)).update();
    }
  }

  /** A time of a day as the database columns take it. */
  public static OffsetDateTime at(String day, String time) {
    return time == null ? null : Instant.parse(day + "T" + time + "Z").atOffset(ZoneOffset.UTC);
  }
}
