package io.operatorconnect.panel;

import io.operatorconnect.channel.Transcript;
import io.operatorconnect.channel.TranscriptMessage;
import io.operatorconnect.dialog.Dialog;
import io.operatorconnect.dialog.DialogRepository;
import io.operatorconnect.dialog.OpenDialogs;
import io.operatorconnect.operator.Operator;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.queue.QueueEntry;
import io.operatorconnect.queue.QueueRepository;
import io.operatorconnect.queue.WaitEstimator;
import io.operatorconnect.security.Caller;
import io.operatorconnect.security.Role;
import io.operatorconnect.settings.PanelSettingsRepository;
import io.operatorconnect.system.ForbiddenException;
import io.operatorconnect.system.NotFoundException;
import io.operatorconnect.system.ValidId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/panel/folders}: what one operator's panel shows; and how far they have read a dialog. */
@RestController
@Validated
class FoldersController {

  private static final int SHOWN = 1000;

  private final OperatorService operators;
  private final DialogRepository dialogs;
  private final OpenDialogs open;
  private final QueueRepository queue;
  private final PanelSettingsRepository settings;
  private final WaitEstimator waits;
  private final Transcript transcript;
  private final ReadMarks readMarks;
  private final Clock clock;

  FoldersController(OperatorService operators, DialogRepository dialogs, OpenDialogs open, QueueRepository queue,
      PanelSettingsRepository settings, WaitEstimator waits, Transcript transcript, ReadMarks readMarks, Clock clock) {
    this.operators = operators;
    this.dialogs = dialogs;
    this.open = open;
    this.queue = queue;
    this.settings = settings;
    this.waits = waits;
    this.transcript = transcript;
    this.readMarks = readMarks;
    this.clock = clock;
  }

  /**
   * A folder's dialog, summarised; {@code waitingSeconds} (for a waiting dialog, else null) counts from
   * when it first started waiting, by the server's clock, like the In Queue folder's. {@code unread} counts the
   * client's lines the operator has not read, {@code lastMessage} is the latest line (its text cut to
   * {@value #PREVIEW} characters), {@code awaitingAnswerSince} when the client's unanswered lines began (null
   * when the operator spoke last).
   */
  record FolderDialog(String id, String channel, String clientId, String subject, String state, String operatorId,
      Instant assignedAt, Long waitingSeconds, int unread, Preview lastMessage, Instant awaitingAnswerSince) {

    static final int PREVIEW = 120;

    static FolderDialog of(Dialog dialog, Instant now, Transcript.Conversation conversation) {
      Long waiting = dialog.state().waiting() && dialog.queuedAt() != null
          ? Duration.between(dialog.queuedAt(), now).toSeconds() : null;
      return new FolderDialog(dialog.id(), dialog.channel(), dialog.clientId(), dialog.subject(),
          dialog.state().name(), dialog.operatorId(), dialog.assignedAt(), waiting,
          conversation == null ? 0 : conversation.unread(),
          conversation == null ? null : Preview.of(conversation.last()),
          conversation == null ? null : conversation.awaitingAnswerSince());
    }
  }

  /** The latest line of a dialog, as its folder shows it. */
  record Preview(String from, String operatorId, String text, Instant at) {

    static Preview of(TranscriptMessage line) {
      String text = line.text().length() <= FolderDialog.PREVIEW ? line.text()
          : line.text().substring(0, FolderDialog.PREVIEW - 1) + "…";
      return new Preview(line.from().name(), line.operatorId(), text, line.at());
    }
  }

  /**
   * Who has waited longest for an answer first; then those who wait for nothing, the longest held first (the
   * folders and the supervisor's live work alike).
   */
  static <T> Comparator<T> needsAnAnswerFirst(Function<T, Instant> awaitingAnswerSince, Function<T, Instant> assignedAt,
      Function<T, String> id) {
    return Comparator.comparing(awaitingAnswerSince, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(assignedAt, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(id);
  }

  static final Comparator<FolderDialog> NEEDS_AN_ANSWER_FIRST = needsAnAnswerFirst(FolderDialog::awaitingAnswerSince,
      FolderDialog::assignedAt, FolderDialog::id);

  /**
   * {@code inQueue} is present only while auto-connect is on. While it is off, queued dialogs are
   * listed under {@code requested} instead, so that nobody waits where no operator can see them.
   */
  record Folders(String operatorId, boolean autoConnect, List<FolderDialog> myDialogs, List<FolderDialog> requested,
      List<QueueEntry> inQueue) {
  }

  @GetMapping("/api/panel/folders")
  @Transactional(readOnly = true)
  Folders folders(@RequestParam @ValidId String operatorId) {
    Caller.current().requireSelfOrAdmin(operatorId, "see the folders");
    Operator operator = operators.get(operatorId);
    boolean autoConnect = settings.get().autoConnect();
    Instant now = clock.instant();
    List<Dialog> held = open.ofOperator(operatorId);
    List<Dialog> waitingByHand = new ArrayList<>(open.requested());
    List<Dialog> queued = queue.queued(SHOWN);
    if (!autoConnect) {
      waitingByHand.addAll(queued);
    }
    List<Dialog> offered = waitingByHand.stream().filter(dialog -> mayTake(operator, dialog)).toList();
    Map<String, Transcript.Conversation> conversations = transcript.conversations(
        Stream.concat(held.stream(), offered.stream()).map(Dialog::id).toList(), operatorId);
    List<FolderDialog> mine = held.stream()
        .map(dialog -> FolderDialog.of(dialog, now, conversations.get(dialog.id())))
        .sorted(NEEDS_AN_ANSWER_FIRST).toList();
    List<FolderDialog> requested = offered.stream()
        .map(dialog -> FolderDialog.of(dialog, now, conversations.get(dialog.id()))).toList();
    List<QueueEntry> inQueue = autoConnect
        ? QueueEntry.of(queued, waits.estimatedWaitSeconds(queued), now)
        : null;
    return new Folders(operatorId, autoConnect, mine, requested, inQueue);
  }

  /** The line an operator has read a dialog up to, shown to them. */
  record ReadUpTo(@NotNull @Min(1) Long messageId) {
  }

  /**
   * {@code PUT /api/panel/dialogs/{dialogId}/read}: the signed-in operator has read the dialog up to a line (the
   * panel says so when it shows the transcript); their unread count of it starts after that line.
   */
  @PutMapping("/api/panel/dialogs/{dialogId}/read")
  @Transactional
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void read(@PathVariable @ValidId String dialogId, @Valid @RequestBody ReadUpTo body) {
    Caller caller = Caller.current();
    if (!caller.is(Role.OPERATOR)) {
      throw new ForbiddenException("'" + caller.id() + "' is no operator: only an operator's reading is counted");
    }
    if (dialogs.findById(dialogId).isEmpty()) {
      throw new NotFoundException("dialog '" + dialogId + "' does not exist");
    }
    readMarks.read(dialogId, caller.id(), body.messageId());
  }

  private static boolean mayTake(Operator operator, Dialog dialog) {
    return (dialog.requestedOperatorId() == null || dialog.requestedOperatorId().equals(operator.id()))
        && (dialog.subject() == null || operator.groups().contains(dialog.subject()));
  }
}
