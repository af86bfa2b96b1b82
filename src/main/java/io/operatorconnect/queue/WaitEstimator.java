package io.operatorconnect.queue;

import io.operatorconnect.dialog.Dialog;
import io.operatorconnect.dialog.WaitEstimates;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.operator.OperatorRepository;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The estimated wait of queued dialogs ({@link WaitEstimate}), from the database: the handling times
 * of the last {@value WaitEstimate#HISTORY} closed dialogs of the subject that reached an operator (of any
 * subject when the subject has none yet), the slots of the subject's ONLINE operators, and the
 * dialog's place among the queued dialogs of its subject. A dialog without a subject counts every
 * ONLINE operator and every closed dialog. Unknown (null) while nothing has been handled yet.
 */
@Component
public class WaitEstimator implements WaitEstimates {

  private final QueueRepository queue;
  private final OperatorRepository operators;

  WaitEstimator(QueueRepository queue, OperatorRepository operators) {
    this.queue = queue;
    this.operators = operators;
  }

  /** Seconds the dialog will probably still wait; null when it is not queued or there is no history. */
  @Override
  public Long estimatedWaitSeconds(Dialog dialog) {
    if (dialog.state() != DialogState.QUEUED) {
      return null;
    }
    int position = queue.queuePositionInSubject(dialog).orElseThrow();
    return estimateFor(dialog.subject()).map(estimate -> estimate.secondsAt(position)).orElse(null);
  }

  /**
   * Estimates by dialog id for queued dialogs listed from the head of the queue in serving order (as
   * {@link QueueRepository#queued} lists them), reading the figures once per subject.
   */
  public Map<String, Long> estimatedWaitSeconds(List<Dialog> queueHead) {
    Map<String, Optional<WaitEstimate>> bySubject = new HashMap<>();
    Map<String, Integer> positions = new HashMap<>();
    Map<String, Long> seconds = new HashMap<>();
    for (Dialog dialog : queueHead) {
      int position = positions.merge(dialog.subject(), 1, Integer::sum);
      bySubject.computeIfAbsent(dialog.subject(), this::estimateFor)
          .ifPresent(estimate -> seconds.put(dialog.id(), estimate.secondsAt(position)));
    }
    return seconds;
  }

  private Optional<WaitEstimate> estimateFor(String subject) {
    List<Duration> handlingTimes = queue.recentHandlingTimes(subject, WaitEstimate.HISTORY);
    if (handlingTimes.isEmpty() && subject != null) {
      handlingTimes = queue.recentHandlingTimes(null, WaitEstimate.HISTORY);
    }
    return WaitEstimate.of(handlingTimes, operators.onlineSlots(subject));
  }
}
