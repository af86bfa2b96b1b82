package io.operatorconnect.dialog;

import io.operatorconnect.channel.ClientMessenger;
import io.operatorconnect.channel.Sender;
import io.operatorconnect.operator.Assignee;
import io.operatorconnect.operator.OperatorCapacity;
import io.operatorconnect.operator.OperatorRepository;
import io.operatorconnect.routing.DecisionRecord;
import io.operatorconnect.routing.DistributionMethod;
import io.operatorconnect.routing.RoutingRequest;
import io.operatorconnect.settings.PanelSettings;
import io.operatorconnect.settings.PanelSettingsRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the scenario's actions do to a dialog ({@code process} calls nothing else here): the connect action
 * (connect now, wait in the queue or for an operator, or say why not) and the set-chat-operator-state
 * action's modes (an operator takes over, an operator is requested, the bot has the chat again). Each runs
 * in the engine's transaction and locks the dialog row first.
 */
@Component
public class ScenarioActions {

  private static final Logger log = LoggerFactory.getLogger(ScenarioActions.class);

  private final DialogRepository dialogs;
  private final QueuePlaces queue;
  private final DecisionLog decisions;
  private final BannedClients bans;
  private final OperatorRepository operators;
  private final OperatorCapacity capacity;
  private final PanelSettingsRepository settings;
  private final ClientMessenger messenger;
  private final DialogProcess process;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Assignments assignments;
  private final DialogNotes notes;

  ScenarioActions(DialogRepository dialogs, QueuePlaces queue, DecisionLog decisions, BannedClients bans,
      OperatorRepository operators, OperatorCapacity capacity, PanelSettingsRepository settings,
      ClientMessenger messenger, DialogProcess process, ApplicationEventPublisher events, Clock clock,
      Assignments assignments, DialogNotes notes) {
    this.dialogs = dialogs;
    this.queue = queue;
    this.decisions = decisions;
    this.bans = bans;
    this.operators = operators;
    this.capacity = capacity;
    this.settings = settings;
    this.messenger = messenger;
    this.process = process;
    this.events = events;
    this.clock = clock;
    this.assignments = assignments;
    this.notes = notes;
  }

  /**
   * The connect action could not read its configuration: the dialog shows {@code connectResult} error and why,
   * unless an operator has it or it is closed (a stray action does not change what they show).
   */
  @Transactional
  public void refusedConfiguration(String dialogId, String message) {
    dialogs.lock(dialogId)
        .filter(dialog -> dialog.state() != DialogState.TAKEN_OVER && dialog.state() != DialogState.CLOSED)
        .ifPresent(dialog -> connectError(dialogId, message));
  }

  private void connectError(String dialogId, String message) {
    dialogs.setConnectResult(dialogId, ConnectResult.ERROR);
    notes.connectError(dialogId, message);
  }

  /** The connect action: connects now, puts the dialog in a waiting state, or says why not. */
  @Transactional
  public ConnectOutcome connect(String dialogId, ConnectRequest request) {
    Dialog dialog = dialogs.lock(dialogId).orElse(null);
    if (dialog == null) {
      return new ConnectOutcome.Invalid("dialog '" + dialogId + "' does not exist; start dialogs with POST /api/dialogs");
    }
    if (dialog.state() == DialogState.TAKEN_OVER) {
      return new ConnectOutcome.Invalid("dialog '" + dialogId + "' is already connected to operator '"
          + dialog.operatorId() + "'");
    }
    if (dialog.state() == DialogState.CLOSED) {
      return new ConnectOutcome.Invalid("dialog '" + dialogId + "' is closed");
    }
    if (bans.isBanned(dialog.clientId())) {
      dialogs.setConnectResult(dialogId, ConnectResult.BANNED);
      log.info("dialog {}: client {} is banned", dialogId, dialog.clientId());
      return new ConnectOutcome.Banned(dialog.clientId());
    }
    String unknown = unknownTarget(request);
    if (unknown != null) {
      decisions.record(dialog, request.subject(), DialogAssigned.Via.CONNECT_ACTION, DecisionRecord.notRouted(
          DecisionRecord.Outcome.INVALID, request.method(), unknown));
      connectError(dialogId, unknown);
      return new ConnectOutcome.Invalid(unknown);
    }
    dialogs.recordRequest(dialogId, request);
    PanelSettings panel = settings.get();
    if (!request.autoConnect() || !panel.autoConnect()) {
      return startWaiting(dialog, DialogState.REQUESTED, request);
    }
    if (request.queue()) {
      return startWaiting(dialog, DialogState.QUEUED, request);
    }
    int ahead = queue.waitingAhead(request.subject(), dialog.channel(), request.priority());
    if (ahead > 0) {
      dialogs.setConnectResult(dialogId, ConnectResult.LIMIT);
      decisions.record(dialog, request.subject(), DialogAssigned.Via.CONNECT_ACTION, DecisionRecord.notRouted(
          DecisionRecord.Outcome.NO_FREE_OPERATOR, request.method(),
          ahead + " dialog(s) of the same subject and channel wait ahead in the queue"));
      log.info("dialog {}: limit, {} dialog(s) of the same subject and channel wait ahead", dialogId, ahead);
      return new ConnectOutcome.Limit(ahead + " dialog(s) of the same subject and channel are already waiting in the queue");
    }
    RoutingRequest routing = assignments.routing(dialog, request, panel.distributionMethod());
    Assignments.Assignment assignment = assignments.assign(dialog, routing, DialogAssigned.Via.CONNECT_ACTION);
    if (assignment.operator() == null) {
      dialogs.setConnectResult(dialogId, ConnectResult.LIMIT);
      log.info("dialog {}: limit, {}", dialogId, assignment.explanation());
      return new ConnectOutcome.Limit(assignment.explanation());
    }
    assignments.takeOver(dialog, request.subject(), assignment.operator(), request.message(),
        DialogAssigned.Via.CONNECT_ACTION);
    return new ConnectOutcome.Connected(assignment.operator());
  }

  private ConnectOutcome startWaiting(Dialog dialog, DialogState state, ConnectRequest request) {
    ConnectResult result = ConnectResult.waiting(state);
    dialogs.markWaiting(dialog, state, clock.instant());
    messenger.send(dialog.id(), dialog.channel(), dialog.clientId(), Sender.BOT, null, request.waitingMessage());
    if (state == DialogState.QUEUED) {
      events.publishEvent(new DialogQueued(dialog.id(), "queued"));
    }
    Integer position = dialogs.findById(dialog.id()).flatMap(queue::queuePosition).orElse(null);
    log.info("dialog {}: {} (subject={}, operator={}, priority={}, position={})", dialog.id(), result,
        request.subject(), request.assignedOperator(), request.priority(), position);
    return new ConnectOutcome.Waiting(state, position);
  }

  /**
   * The set-chat-operator-state action's {@code OPERATOR_TAKEOVER}: an operator chosen by
   * {@code method} (inside {@code group} when given, or the named {@code operator}) takes control of
   * the chat within their limits; {@code method} null means the panel's method. When nobody is available
   * nothing changes ({@link ConnectOutcome.Limit}); a dialog an operator already has stays with them. The
   * request is recorded on the dialog like a connect action's, so that handing the dialog on later
   * (redistribution, back to the queue) keeps to its group.
   */
  @Transactional
  public ConnectOutcome takeOverForScenario(String dialogId, DistributionMethod method, String group, String operator,
      boolean onlyOnline) {
    Dialog dialog = dialogs.lock(dialogId).orElse(null);
    if (dialog == null) {
      return new ConnectOutcome.Invalid("dialog '" + dialogId + "' does not exist; start dialogs with POST /api/dialogs");
    }
    if (dialog.state() == DialogState.CLOSED) {
      return new ConnectOutcome.Invalid("dialog '" + dialogId + "' is closed");
    }
    if (dialog.state() == DialogState.TAKEN_OVER) {
      return new ConnectOutcome.Connected(Assignee.of(operators.findById(dialog.operatorId()).orElseThrow()));
    }
    if (bans.isBanned(dialog.clientId())) {
      return new ConnectOutcome.Banned(dialog.clientId());
    }
    String unknown = unknownTarget(operator, "operator", group, "group", "group");
    if (unknown != null) {
      decisions.record(dialog, group, DialogAssigned.Via.TAKEOVER,
          DecisionRecord.notRouted(DecisionRecord.Outcome.INVALID, method, unknown));
      return new ConnectOutcome.Invalid(unknown);
    }
    DistributionMethod routingMethod = method != null ? method : settings.get().distributionMethod();
    RoutingRequest routing = new RoutingRequest(dialog.channel(), group, operator, routingMethod, onlyOnline, null);
    Assignments.Assignment assignment = assignments.assign(dialog, routing, DialogAssigned.Via.TAKEOVER);
    if (assignment.operator() == null) {
      log.info("dialog {}: no operator available for a takeover, nothing changes: {}", dialogId,
          assignment.explanation());
      return new ConnectOutcome.Limit(assignment.explanation());
    }
    dialogs.recordRequest(dialogId, new ConnectRequest(true, group, false, operator, method, onlyOnline, null, null,
        dialog.priority()));
    assignments.takeOver(dialog, group, assignment.operator(), null, DialogAssigned.Via.TAKEOVER);
    return new ConnectOutcome.Connected(assignment.operator());
  }

  /**
   * The set-chat-operator-state action's {@code REQUEST_OPERATOR}: the dialog waits for an operator to
   * take it. A banned client's dialog is not offered to operators: nothing changes ({@link ConnectOutcome.Banned}).
   */
  @Transactional
  public ConnectOutcome requestOperator(String dialogId) {
    Dialog dialog = dialogs.lock(dialogId).orElse(null);
    if (dialog == null || dialog.state() == DialogState.CLOSED) {
      return new ConnectOutcome.Invalid("dialog '" + dialogId + "' " + (dialog == null ? "does not exist" : "is closed"));
    }
    if (dialog.state() == DialogState.TAKEN_OVER) {
      return new ConnectOutcome.Connected(Assignee.of(operators.findById(dialog.operatorId()).orElseThrow()));
    }
    if (dialog.state() == DialogState.BOT && bans.isBanned(dialog.clientId())) {
      log.info("dialog {}: client {} is banned, no operator is requested", dialogId, dialog.clientId());
      return new ConnectOutcome.Banned(dialog.clientId());
    }
    if (dialog.state() == DialogState.BOT) {
      dialogs.markWaiting(dialog, DialogState.REQUESTED, clock.instant());
      log.info("dialog {}: the scenario requests an operator", dialogId);
      return new ConnectOutcome.Waiting(DialogState.REQUESTED, null);
    }
    return new ConnectOutcome.Waiting(dialog.state(), queue.queuePosition(dialog).orElse(null));
  }

  /**
   * The set-chat-operator-state action's {@code CHATBOT_CONTROLLED}: the bot has the chat again. An
   * operator's slot is freed (the queue moves) and their task, if still open, unassigned; a waiting
   * dialog leaves the queue or the requests.
   */
  @Transactional
  public void giveBackToBot(String dialogId) {
    Dialog dialog = dialogs.lock(dialogId).orElse(null);
    if (dialog == null || dialog.state() == DialogState.BOT || dialog.state() == DialogState.CLOSED) {
      return;
    }
    dialogs.markBot(dialog);
    if (dialog.state() == DialogState.TAKEN_OVER) {
      capacity.release(dialog.operatorId(), "dialog " + dialogId + " given back to the bot");
      if (dialog.operatorTaskId() != null) {
        process.unassignTaskForBot(dialogId, dialog.operatorTaskId());
      }
    }
    log.info("dialog {}: the bot has it again (was {} with operator {})", dialogId, dialog.state(),
        dialog.operatorId());
  }

  private String unknownTarget(ConnectRequest request) {
    return unknownTarget(request.assignedOperator(), "assigned_operator", request.subject(), "subject_alias", "subject");
  }

  /** What the request names that does not exist, with the input that named it; null when everything exists. */
  private String unknownTarget(String operator, String operatorInput, String group, String groupInput, String groupWord) {
    if (operator != null && !operators.exists(operator)) {
      return "unknown operator '" + operator + "' in " + operatorInput;
    }
    if (group != null && !operators.groupExists(group)) {
      return "unknown " + groupWord + " '" + group + "' in " + groupInput + ": no operator belongs to it";
    }
    return null;
  }
}
