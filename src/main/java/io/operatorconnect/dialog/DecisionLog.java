package io.operatorconnect.dialog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.operatorconnect.routing.DecisionRecord;
import io.operatorconnect.routing.DecisionRecord.Verdict;
import io.operatorconnect.routing.SkipReason;
import io.operatorconnect.system.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The decision record in {@code oc_decision}: every routing attempt for a dialog, written in the
 * attempt's transaction (an attempt that rolls back leaves no record). A dialog waiting in the queue
 * is looked at on every drain; an attempt that finds nobody, for the same reasons as the last one,
 * is not written again. Every decision written is logged on one INFO line and announced as a
 * {@link DecisionRecorded} event (the routing metrics count them).
 */
@Repository
public class DecisionLog {

  private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);

  private static final TypeReference<List<CandidateView>> CANDIDATES = new TypeReference<>() {
  };

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  DecisionLog(JdbcClient jdbc, ObjectMapper json, ApplicationEventPublisher events, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.events = events;
    this.clock = clock;
  }

  /** One operator's part in a decision, as the API shows it. */
  public record CandidateView(String operatorId, Verdict.Kind verdict, Integer rank, SkipReason reason,
      String description) {

    static CandidateView of(Verdict verdict) {
      return new CandidateView(verdict.operatorId(), verdict.kind(), verdict.rank(), verdict.reason(),
          verdict.description());
    }
  }

  /** A recorded decision, as {@code GET /api/dialogs/{id}/decisions} shows it. */
  public record DecisionView(long id, Instant decidedAt, DialogAssigned.Via via, String method, String subject,
      String channel, DecisionRecord.Outcome outcome, String operatorId, List<CandidateView> candidates,
      String explanation) {
  }

  void record(Dialog dialog, String subject, DialogAssigned.Via via, DecisionRecord decision) {
    if (decision.outcome() != DecisionRecord.Outcome.ASSIGNED && sameAsLast(dialog.id(), via, decision)) {
      log.debug("dialog {}: {} again via {}, for the same reasons; not recorded again", dialog.id(),
          decision.outcome(), via);
      return;
    }
    String candidates;
    try {
      candidates = json.writeValueAsString(decision.candidates().stream().map(CandidateView::of).toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the decision of dialog " + dialog.id(), e);
    }
    jdbc.sql("""
            INSERT INTO oc_decision (dialog_id, decided_at, via, method, subject, channel, outcome, operator_id,
                                     candidates, explanation)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(dialog.id(), Times.toDb(clock.instant()), via.name(),
            decision.method() == null ? null : decision.method().name(), subject, dialog.channel(),
            decision.outcome().name(), decision.chosen(), candidates, decision.explanation())
        .update();
    DecisionRecorded recorded = new DecisionRecorded(dialog.id(), via, decision);
    logDecision(recorded);
    events.publishEvent(recorded);
  }

  /**
   * One line per decision. The fields are key-value pairs too, so the JSON log formats carry them as
   * fields of their own (filter on outcome, count by method) besides the readable message.
   */
  private static void logDecision(DecisionRecorded recorded) {
    DecisionRecord decision = recorded.decision();
    log.atInfo()
        .addKeyValue("via", recorded.via())
        .addKeyValue("method", recorded.method())
        .addKeyValue("outcome", decision.outcome())
        .addKeyValue("operator_id", decision.chosen())
        .log("dialog {}: routing decision {} via {}, method {}, operator {}{}", recorded.dialogId(),
            decision.outcome(), recorded.via(), recorded.method(), decision.chosen() == null ? "-" : decision.chosen(),
            decision.explanation() == null ? "" : ": " + decision.explanation());
  }

  /** Every decision for the dialog, oldest first. */
  public List<DecisionView> of(String dialogId) {
    return jdbc.sql("SELECT * FROM oc_decision WHERE dialog_id = ? ORDER BY id").param(dialogId)
        .query((rs, row) -> new DecisionView(rs.getLong("id"), Times.fromDb(rs, "decided_at"),
            DialogAssigned.Via.valueOf(rs.getString("via")), rs.getString("method"), rs.getString("subject"),
            rs.getString("channel"), DecisionRecord.Outcome.valueOf(rs.getString("outcome")),
            rs.getString("operator_id"), candidates(rs.getString("candidates")), rs.getString("explanation")))
        .list();
  }

  private boolean sameAsLast(String dialogId, DialogAssigned.Via via, DecisionRecord decision) {
    return jdbc.sql("SELECT via, outcome, explanation FROM oc_decision WHERE dialog_id = ? ORDER BY id DESC LIMIT 1")
        .param(dialogId)
        .query((rs, row) -> via.name().equals(rs.getString("via"))
            && decision.outcome().name().equals(rs.getString("outcome"))
            && Objects.equals(decision.explanation(), rs.getString("explanation")))
        .optional().orElse(false);
  }

  private List<CandidateView> candidates(String text) {
    try {
      return json.readValue(text, CANDIDATES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable decision record: " + text, e);
    }
  }
}
