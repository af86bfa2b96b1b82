package io.operatorconnect.panel;

import io.operatorconnect.system.Times;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Saved answers ({@code oc_reply}): a subject's, or an operator's own. */
@Repository
class CannedReplies {

  /** A saved answer: {@code ownerId} set for a personal one, {@code subject} for a subject's. */
  record Reply(long id, String ownerId, String subject, String title, String text) {
  }

  private final JdbcClient jdbc;

  CannedReplies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The operator's own answers and those of their subjects, by title. */
  List<Reply> forOperator(String operatorId, Collection<String> subjects) {
    String in = subjects.isEmpty() ? "NULL" : String.join(", ", Collections.nCopies(subjects.size(), "?"));
    List<Object> params = new java.util.ArrayList<>();
    params.add(operatorId);
    params.addAll(subjects);
    return jdbc.sql(SELECT + " WHERE owner_id = ? OR subject IN (" + in + ") ORDER BY LOWER(title), id")
        .params(params).query(CannedReplies::row).list();
  }

  /** Every subject's answers (an administrator's view), by subject and title. */
  List<Reply> ofSubjects() {
    return jdbc.sql(SELECT + " WHERE subject IS NOT NULL ORDER BY subject, LOWER(title), id")
        .query(CannedReplies::row).list();
  }

  Reply add(String ownerId, String subject, String title, String text, Instant now) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO oc_reply (owner_id, subject, title, text, created_at) VALUES (?, ?, ?, ?, ?)")
        .params(ownerId, subject, title, text, Times.toDb(now)).update(key, "id");
    return new Reply(key.getKeyAs(Number.class).longValue(), ownerId, subject, title, text);
  }

  Optional<Reply> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(CannedReplies::row).optional();
  }

  void delete(long id) {
    jdbc.sql("DELETE FROM oc_reply WHERE id = ?").param(id).update();
  }

  private static final String SELECT = "SELECT id, owner_id, subject, title, text FROM oc_reply";

  private static Reply row(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
    return new Reply(rs.getLong("id"), rs.getString("owner_id"), rs.getString("subject"), rs.getString("title"),
        rs.getString("text"));
  }
}
