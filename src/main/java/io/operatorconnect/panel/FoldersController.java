package io.operatorconnect.panel;

import io.operatorconnect.settings.PanelSettingsRepository;
import io.operatorconnect.system.ValidId;
import io.operatorconnect.security.Caller;

import io.operatorconnect.dialog.Dialog;
import io.operatorconnect.dialog.DialogRepository;
import io.operatorconnect.queue.QueueRepository;
import io.operatorconnect.operator.Operator;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.queue.QueueEntry;
import io.operatorconnect.queue.WaitEstimator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/panel/folders}: what one operator's panel shows. */
@RestController
@RequestMapping("/api/panel/folders")
class FoldersController {

  private static final int SHOWN = 1000;

  private final OperatorService operators;
  private final DialogRepository dialogs;
  private final QueueRepository queue;
  private final PanelSettingsRepository settings;
  private final WaitEstimator waits;
  private final Clock clock;

  FoldersController(OperatorService operators, DialogRepository dialogs, QueueRepository queue, PanelSettingsRepository settings,
      WaitEstimator waits, Clock clock) {
    this.operators = operators;
    this.dialogs = dialogs;
    this.queue = queue;
    this.settings = settings;
    this.waits = waits;
    this.clock = clock;
  }

  /**
   * A folder's dialog, summarised; {@code waitingSeconds} (for a waiting dialog, else null) counts from
   * when it first started waiting, by the server's clock, like the In Queue folder's.
   */
  record FolderDialog(String id, String channel, String clientId, String subject, String state, String operatorId,
      Instant assignedAt, Long waitingSeconds) {
    static FolderDialog of(Dialog dialog, Instant now) {
      Long waiting = dialog.state().waiting() && dialog.queuedAt() != null
          ? Duration.between(dialog.queuedAt(), now).toSeconds() : null;
      return new FolderDialog(dialog.id(), dialog.channel(), dialog.clientId(), dialog.subject(),
          dialog.state().name(), dialog.operatorId(), dialog.assignedAt(), waiting);
    }
  }

  /**
   * {@code inQueue} is present only while auto-connect is on. While it is off, queued dialogs are
   * listed under {@code requested} instead, so that nobody waits where no operator can see them.
   */
  record Folders(String operatorId, boolean autoConnect, List<FolderDialog> myDialogs, List<FolderDialog> requested,
      List<QueueEntry> inQueue) {
  }

  @GetMapping
  @Transactional(readOnly = true)
  Folders folders(@RequestParam @ValidId String operatorId) {
    Caller.current().requireSelfOrAdmin(operatorId, "see the folders");
    Operator operator = operators.get(operatorId);
    boolean autoConnect = settings.get().autoConnect();
    Instant now = clock.instant();
    List<FolderDialog> mine = dialogs.ofOperator(operatorId).stream().map(dialog -> FolderDialog.of(dialog, now))
        .toList();
    List<Dialog> waitingByHand = new ArrayList<>(dialogs.requested());
    List<Dialog> queued = queue.queued(SHOWN);
    if (!autoConnect) {
      waitingByHand.addAll(queued);
    }
    List<FolderDialog> requested = waitingByHand.stream().filter(dialog -> mayTake(operator, dialog))
        .map(dialog -> FolderDialog.of(dialog, now)).toList();
    List<QueueEntry> inQueue = autoConnect
        ? QueueEntry.of(queued, waits.estimatedWaitSeconds(queued), now)
        : null;
    return new Folders(operatorId, autoConnect, mine, requested, inQueue);
  }

  private static boolean mayTake(Operator operator, Dialog dialog) {
    return (dialog.requestedOperatorId() == null || dialog.requestedOperatorId().equals(operator.id()))
        && (dialog.subject() == null || operator.groups().contains(dialog.subject()));
  }
}
