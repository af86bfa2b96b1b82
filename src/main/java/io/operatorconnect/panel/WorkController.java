package io.operatorconnect.panel;

import io.operatorconnect.channel.Transcript;
import io.operatorconnect.channel.TranscriptMessage;
import io.operatorconnect.dialog.Dialog;
import io.operatorconnect.dialog.OpenDialogs;
import io.operatorconnect.queue.QueueEntry;
import io.operatorconnect.queue.QueueRepository;
import io.operatorconnect.queue.WaitEstimator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/panel/work}: the supervisor's live view of the desk (administrators only, by the access
 * rules): every subject's queue in serving order, the dialogs waiting to be accepted by hand, and every open
 * dialog with its operator and how long its client has waited for an answer. Reassigning and taking over go
 * through the dialog's own actions ({@code transfer}, {@code accept}), which an administrator may use on any
 * dialog.
 */
@RestController
class WorkController {

  /** As many of each list as a page can sensibly show; {@code truncated} says when there were more. */
  static final int SHOWN = 500;

  private final OpenDialogs dialogs;
  private final QueueRepository queue;
  private final WaitEstimator waits;
  private final Transcript transcript;
  private final Clock clock;

  WorkController(OpenDialogs dialogs, QueueRepository queue, WaitEstimator waits, Transcript transcript,
      Clock clock) {
    this.dialogs = dialogs;
    this.queue = queue;
    this.waits = waits;
    this.transcript = transcript;
    this.clock = clock;
  }

  /**
   * An open dialog: {@code awaitingAnswerSince} is the client's first line after the operator's last one (null
   * when the operator spoke last), {@code awaitingAnswerSeconds} the same as a wait by the server's clock, so
   * that a page can tick it on whatever its own clock says.
   */
  record OpenDialog(String id, String channel, String clientId, String subject, String operatorId, Instant assignedAt,
      Instant awaitingAnswerSince, Long awaitingAnswerSeconds, FoldersController.Preview lastMessage) {

    static OpenDialog of(Dialog dialog, Instant awaitingSince, TranscriptMessage last, Instant now) {
      return new OpenDialog(dialog.id(), dialog.channel(), dialog.clientId(), dialog.subject(), dialog.operatorId(),
          dialog.assignedAt(), awaitingSince,
          awaitingSince == null ? null : Math.max(0, Duration.between(awaitingSince, now).toSeconds()),
          last == null ? null : FoldersController.Preview.of(last));
    }
  }

  static final Comparator<OpenDialog> NEEDS_AN_ANSWER_FIRST = FoldersController.needsAnAnswerFirst(
      OpenDialog::awaitingAnswerSince, OpenDialog::assignedAt, OpenDialog::id);

  /**
   * {@code queue}: the In Queue dialogs of every subject, in serving order (each entry names its subject);
   * {@code requested}: those waiting for an operator to accept them by hand, the longest waiting first;
   * {@code open}: the dialogs operators hold, who has waited longest for an answer first.
   */
  record Work(List<QueueEntry> queue, List<QueueEntry> requested, List<OpenDialog> open, boolean truncated) {
  }

  @GetMapping("/api/panel/work")
  @Transactional(readOnly = true)
  Work work() {
    Instant now = clock.instant();
    List<Dialog> queued = queue.queued(SHOWN + 1);
    List<Dialog> requested = dialogs.requested();
    List<Dialog> held = dialogs.withOperators(SHOWN + 1);
    boolean truncated = queued.size() > SHOWN || requested.size() > SHOWN || held.size() > SHOWN;
    queued = first(queued);
    requested = first(requested);
    held = first(held);
    List<String> heldIds = held.stream().map(Dialog::id).toList();
    Map<String, Instant> awaiting = transcript.awaitingAnswerSince(heldIds);
    Map<String, TranscriptMessage> last = transcript.lastLines(heldIds);
    List<OpenDialog> open = held.stream()
        .map(dialog -> OpenDialog.of(dialog, awaiting.get(dialog.id()), last.get(dialog.id()), now))
        .sorted(NEEDS_AN_ANSWER_FIRST).toList();
    return new Work(QueueEntry.of(queued, waits.estimatedWaitSeconds(queued), now),
        QueueEntry.of(requested, Map.of(), now), open, truncated);
  }

  private static List<Dialog> first(List<Dialog> dialogs) {
    return dialogs.size() > SHOWN ? dialogs.subList(0, SHOWN) : dialogs;
  }
}
