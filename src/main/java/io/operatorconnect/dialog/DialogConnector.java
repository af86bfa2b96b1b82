package io.operatorconnect.dialog;

import io.operatorconnect.channel.ClientMessenger;
import io.operatorconnect.channel.Sender;
import io.operatorconnect.operator.Assignee;
import io.operatorconnect.operator.OperatorCapacity;
import io.operatorconnect.operator.OperatorRepository;
import io.operatorconnect.operator.OperatorSelector;
import io.operatorconnect.operator.Reservation;
import io.operatorconnect.settings.PanelSettings;
import io.operatorconnect.settings.PanelSettingsRepository;
import io.operatorconnect.routing.Candidate;
import io.operatorconnect.routing.Decision;
import io.operatorconnect.routing.DecisionRecord;
import io.operatorconnect.routing.DistributionMethod;
import io.operatorconnect.routing.RoutingRequest;
import io.operatorconnect.routing.SkipReason;
import io.operatorconnect.system.ConflictException;
import io.operatorconnect.system.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connects dialogs to operators: the connect action, the queue dispatcher and a manual accept all
 * come through here. Every method runs in the caller's transaction (the engine's, for a delegate)
 * and locks the dialog row first, then at most one operator row at a time.
 */
@Component
public class DialogConnector {

  private static final Logger log = LoggerFactory.getLogger(DialogConnector.class);

  /** Fresh looks at the operators before a connect gives up because each chosen one was taken meanwhile. */
  private static final int ROUTING_ATTEMPTS = 5;

  private final DialogRepository dialogs;
  private final DecisionLog decisions;
  private final BannedClients bans;
  private final OperatorRepository operators;
  private final OperatorCapacity capacity;
  private final OperatorSelector selector;
  private final Rotations rotations;
  private final PanelSettingsRepository settings;
  private final ClientMessenger messenger;
  private final DialogProcess process;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  DialogConnector(DialogRepository dialogs, DecisionLog decisions, BannedClients bans, OperatorRepository operators,
      OperatorCapacity capacity, OperatorSelector selector, Rotations rotations, PanelSettingsRepository settings,
      ClientMessenger messenger, DialogProcess process, ApplicationEventPublisher events, Clock clock) {
    this.dialogs = dialogs;
    this.decisions = decisions;
    this.bans = bans;
    this.operators = operators;
    this.capacity = capacity;
    this.selector = selector;
    this.rotations = rotations;
    this.settings = settings;
    this.messenger = messenger;
    this.process = process;
    this.events = events;
    this.clock = clock;
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
    int ahead = dialogs.waitingAhead(request.subject(), dialog.channel(), request.priority());
    if (ahead > 0) {
      dialogs.setConnectResult(dialogId, ConnectResult.LIMIT);
      decisions.record(dialog, request.subject(), DialogAssigned.Via.CONNECT_ACTION, DecisionRecord.notRouted(
          DecisionRecord.Outcome.NO_FREE_OPERATOR, request.method(),
          ahead + " dialog(s) of the same subject and channel wait ahead in the queue"));
      log.info("dialog {}: limit, {} dialog(s) of the same subject and channel wait ahead", dialogId, ahead);
      return new ConnectOutcome.Limit(ahead + " dialog(s) of the same subject and channel are already waiting in the queue");
    }
    RoutingRequest routing = routing(dialog, request, panel.distributionMethod());
    Assignment assignment = assign(dialog, routing, DialogAssigned.Via.CONNECT_ACTION);
    if (assignment.operator() == null) {
      dialogs.setConnectResult(dialogId, ConnectResult.LIMIT);
      log.info("dialog {}: limit, {}", dialogId, assignment.explanation());
      return new ConnectOutcome.Limit(assignment.explanation());
    }
    takeOver(dialog, request.subject(), assignment.operator(), request.message(), DialogAssigned.Via.CONNECT_ACTION);
    return new ConnectOutcome.Connected(assignment.operator());
  }

  /**
   * Serves one queued dialog if an operator may take it now: reserves the operator, marks the dialog
   * taken over and wakes its scenario. The caller's transaction must hold nothing else, and must roll
   * back on {@link ScenarioNotWaiting}: the scenario turned out not to wait for {@code operator_connected},
   * and the reservation and the decision made for it must go. {@code fallback} is the panel's method.
   */
  @Transactional
  public ServeResult serveQueued(String dialogId, DistributionMethod fallback) {
    Dialog dialog = dialogs.lock(dialogId).orElse(null);
    if (dialog == null || dialog.state() != DialogState.QUEUED) {
      return ServeResult.GONE;
    }
    if (bans.isBanned(dialog.clientId())) {
      // Banned while waiting: no operator gets the dialog; the scenario's maximum wait ends it.
      return ServeResult.BANNED;
    }
    Assignment assignment = assign(dialog, routing(dialog, ConnectRequest.of(dialog), fallback), DialogAssigned.Via.QUEUE);
    if (assignment.operator() == null) {
      return ServeResult.NO_OPERATOR;
    }
    // Whether the scenario waits is learnt by delivering operator_connected: one look at its subscriptions,
    // not one before routing and another to deliver.
    if (!connectWaiting(dialog, assignment.operator(), DialogAssigned.Via.QUEUE)) {
      throw new ScenarioNotWaiting(dialogId);
    }
    return ServeResult.SERVED;
  }

  /**
   * A queued dialog's scenario does not wait for {@code operator_connected} (nor has the dialog an
   * operator task to give): nobody can be connected to it, and what serving it did must roll back.
   */
  public static final class ScenarioNotWaiting extends RuntimeException {

    ScenarioNotWaiting(String dialogId) {
      super("dialog " + dialogId + " is queued, but its scenario does not wait for operator_connected");
    }
  }

  /** Manual connection: the operator takes a REQUESTED or QUEUED dialog within their limits. */
  @Transactional
  public Assignee accept(String dialogId, String operatorId) {
    Dialog dialog = dialogs.lock(dialogId).orElseThrow(() -> DialogService.unknown(dialogId));
    if (!operators.exists(operatorId)) {
      throw new NotFoundException("operator '" + operatorId + "' does not exist");
    }
    if (!dialog.state().waiting()) {
      throw new ConflictException("dialog '" + dialogId + "' is " + dialog.state()
          + "; only a REQUESTED or QUEUED dialog can be accepted");
    }
    if (dialog.requestedOperatorId() != null && !dialog.requestedOperatorId().equals(operatorId)) {
      throw new ConflictException("dialog '" + dialogId + "' was requested for operator '"
          + dialog.requestedOperatorId() + "', not '" + operatorId + "'");
    }
    if (!waitsForOperator(dialog)) {
      throw new ConflictException("the scenario of dialog '" + dialogId
          + "' is not waiting for an operator (no operator_connected message event is active)");
    }
    Assignee operator = reserveByHand(dialog, operatorId, dialog.subject());
    decisions.record(dialog, dialog.subject(), DialogAssigned.Via.ACCEPT, DecisionRecord.byHand(operatorId));
    if (!connectWaiting(dialog, operator, DialogAssigned.Via.ACCEPT)) {
      // it stopped waiting since the look above (on another node): the exception rolls the reservation back
      throw new ConflictException("the scenario of dialog '" + dialogId + "' stopped waiting for an operator");
    }
    return operator;
  }

  private ConnectOutcome startWaiting(Dialog dialog, DialogState state, ConnectRequest request) {
    ConnectResult result = state == DialogState.QUEUED ? ConnectResult.QUEUED : ConnectResult.REQUESTED;
    dialogs.markWaiting(dialog, state, result, clock.instant());
    messenger.send(dialog.id(), dialog.channel(), dialog.clientId(), Sender.BOT, null, request.waitingMessage());
    if (state == DialogState.QUEUED) {
      events.publishEvent(new DialogQueued(dialog.id(), "queued"));
    }
    Integer position = dialogs.findById(dialog.id()).flatMap(dialogs::queuePosition).orElse(null);
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
    Assignment assignment = assign(dialog, routing, DialogAssigned.Via.TAKEOVER);
    if (assignment.operator() == null) {
      log.info("dialog {}: no operator available for a takeover, nothing changes: {}", dialogId,
          assignment.explanation());
      return new ConnectOutcome.Limit(assignment.explanation());
    }
    dialogs.recordRequest(dialogId, new ConnectRequest(true, group, false, operator, method, onlyOnline, null, null,
        dialog.priority()));
    takeOver(dialog, group, assignment.operator(), null, DialogAssigned.Via.TAKEOVER);
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
      dialogs.markWaiting(dialog, DialogState.REQUESTED, ConnectResult.REQUESTED, clock.instant());
      log.info("dialog {}: the scenario requests an operator", dialogId);
      return new ConnectOutcome.Waiting(DialogState.REQUESTED, null);
    }
    return new ConnectOutcome.Waiting(dialog.state(), dialogs.queuePosition(dialog).orElse(null));
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

  /**
   * Hands the dialog an operator has to another operator, named, or routed among a subject's
   * operators by the method in force. With no operator free in the subject, the dialog goes back to
   * the queue of that subject with its original waiting time.
   */
  @Transactional
  public HandOver transfer(String dialogId, String toOperator, String toSubject) {
    Dialog dialog = lockTakenOver(dialogId, "transferred");
    if (toOperator != null) {
      if (toOperator.equals(dialog.operatorId())) {
        throw new ConflictException("operator '" + toOperator + "' already has dialog '" + dialogId + "'");
      }
      Assignee operator = reserveByHand(dialog, toOperator, null);
      decisions.record(dialog, dialog.subject(), DialogAssigned.Via.TRANSFER, DecisionRecord.byHand(toOperator));
      handOver(dialog, dialog.subject(), operator, DialogAssigned.Via.TRANSFER, true);
      return HandOver.to(operator.id());
    }
    if (!operators.groupExists(toSubject)) {
      throw new NotFoundException("subject '" + toSubject + "' does not exist: no operator belongs to it");
    }
    return reroute(dialog, toSubject, DialogAssigned.Via.TRANSFER);
  }

  /** The operator gives the dialog back to the queue of its subject, at its original waiting time. */
  @Transactional
  public HandOver returnToQueue(String dialogId) {
    Dialog dialog = lockTakenOver(dialogId, "returned to the queue");
    return requeue(dialog, dialog.subject(), true);
  }

  /**
   * The operator's user task was given to someone else outside Operator Connect (Tasklist,
   * {@code /engine-rest}): a new assignee takes the dialog over (within their limits, or the
   * assignment fails), no assignee puts it back in the queue. Our own reassignments find the dialog
   * already in step and change nothing.
   */
  @Transactional
  public void operatorTaskAssigned(String dialogId, String assignee) {
    Dialog dialog = dialogs.lock(dialogId).orElse(null);
    if (dialog == null || dialog.state() == DialogState.CLOSED || Objects.equals(assignee, dialog.operatorId())) {
      return;
    }
    if (dialog.state() == DialogState.TAKEN_OVER && assignee == null) {
      requeue(dialog, dialog.subject(), false);
    } else if (dialog.state() == DialogState.TAKEN_OVER) {
      Assignee operator = reserveByHand(dialog, assignee, null);
      decisions.record(dialog, dialog.subject(), DialogAssigned.Via.TRANSFER, DecisionRecord.byHand(assignee));
      handOver(dialog, dialog.subject(), operator, DialogAssigned.Via.TRANSFER, false);
    } else if (dialog.state().waiting() && dialog.operatorTaskId() != null && assignee != null) {
      Assignee operator = reserveByHand(dialog, assignee, null);
      decisions.record(dialog, dialog.subject(), DialogAssigned.Via.ACCEPT, DecisionRecord.byHand(assignee));
      giveTask(dialog, dialog.subject(), operator, DialogAssigned.Via.ACCEPT, false);
    }
  }

  /**
   * Takes a slot of the operator a person chose (an accept, a transfer, a Tasklist assignment), within
   * their limits and, when {@code subject} is given, only if they belong to it.
   */
  private Assignee reserveByHand(Dialog dialog, String operatorId, String subject) {
    if (!operators.exists(operatorId)) {
      throw new NotFoundException("operator '" + operatorId + "' does not exist in Operator Connect; create it with"
          + " POST /api/operators before giving dialog '" + dialog.id() + "' to them");
    }
    RoutingRequest routing = new RoutingRequest(dialog.channel(), subject, operatorId, DistributionMethod.DEFAULT,
        false, null);
    Reservation reservation = capacity.tryReserve(operatorId, routing);
    if (!reservation.reserved()) {
      String why = reservation.refusal() == null ? "cannot take dialogs" : reservation.refusal().description();
      throw new ConflictException("operator '" + operatorId + "' " + why + " and cannot take dialog '" + dialog.id()
          + "'");
    }
    return reservation.operator();
  }

  /**
   * One dialog of an operator who is leaving (offline, or on request) goes to another eligible
   * operator by the method in force, or back to the queue; nothing when the operator no longer has it.
   */
  @Transactional
  public HandOver redistribute(String dialogId, String fromOperator) {
    Dialog dialog = dialogs.lock(dialogId).orElse(null);
    if (dialog == null || dialog.state() != DialogState.TAKEN_OVER || !fromOperator.equals(dialog.operatorId())) {
      return HandOver.NOTHING;
    }
    return reroute(dialog, dialog.subject(), DialogAssigned.Via.REDISTRIBUTION);
  }

  private HandOver reroute(Dialog dialog, String subject, DialogAssigned.Via via) {
    DistributionMethod method = dialog.method() != null ? dialog.method() : settings.get().distributionMethod();
    String cursor = method == DistributionMethod.ROUND_ROBIN ? rotations.lastServed(subject).orElse(null) : null;
    RoutingRequest routing = new RoutingRequest(dialog.channel(), subject, null, method, dialog.onlyOnline(), cursor);
    Assignment assignment = assign(dialog, routing, via, dialog.operatorId());
    if (assignment.operator() == null) {
      return requeue(dialog, subject, true);
    }
    dialogs.setSubject(dialog.id(), subject);
    handOver(dialog, subject, assignment.operator(), via, true);
    return HandOver.to(assignment.operator().id());
  }

  private Dialog lockTakenOver(String dialogId, String action) {
    Dialog dialog = dialogs.lock(dialogId).orElseThrow(() -> DialogService.unknown(dialogId));
    if (dialog.state() != DialogState.TAKEN_OVER) {
      throw new ConflictException("dialog '" + dialogId + "' is " + dialog.state()
          + "; only a dialog an operator has (TAKEN_OVER) can be " + action);
    }
    return dialog;
  }

  /** Moves a dialog from its operator to another, whose slot is already reserved, with the same user task. */
  private void handOver(Dialog dialog, String subject, Assignee operator, DialogAssigned.Via via,
      boolean reassignTask) {
    capacity.release(dialog.operatorId(), "dialog " + dialog.id() + " moved from " + dialog.operatorId() + " to "
        + operator.id());
    giveTask(dialog, subject, operator, via, reassignTask);
    log.info("dialog {}: moved from operator {} to {} ({})", dialog.id(), dialog.operatorId(), operator.id(), via);
  }

  /** The dialog leaves its operator for the queue; its user task waits, unassigned, for the next one. */
  private HandOver requeue(Dialog dialog, String subject, boolean reassignTask) {
    capacity.release(dialog.operatorId(), "dialog " + dialog.id() + " returned to the queue by "
        + dialog.operatorId());
    dialogs.markRequeued(dialog, subject);
    if (reassignTask && dialog.operatorTaskId() != null) {
      process.reassignTask(dialog.id(), dialog.operatorTaskId(), null);
    }
    events.publishEvent(new DialogQueued(dialog.id(), "returned to the queue"));
    Integer position = dialogs.findById(dialog.id()).flatMap(dialogs::queuePosition).orElse(null);
    log.info("dialog {}: operator {} gave it back to the queue (position {})", dialog.id(), dialog.operatorId(),
        position);
    return HandOver.queued(position);
  }

  /** A queued dialog can be served when its scenario waits for operator_connected, or its operator task waits unassigned. */
  private boolean waitsForOperator(Dialog dialog) {
    return dialog.operatorTaskId() != null || process.waitingForOperator(dialog.id(), dialog.processInstanceId());
  }

  /**
   * Connects a waiting dialog to its reserved operator; false when its scenario does not wait for
   * {@code operator_connected} (the dialog's row is changed already: the caller must roll back).
   */
  private boolean connectWaiting(Dialog dialog, Assignee operator, DialogAssigned.Via via) {
    if (dialog.operatorTaskId() != null) {
      // back from the queue after a transfer or a redistribution: the same task, to the new operator
      giveTask(dialog, dialog.subject(), operator, via, true);
      announce(dialog, operator, dialog.connectedMessage());
      log.info("dialog {}: back from the queue to operator {}", dialog.id(), operator.id());
      return true;
    }
    takeOver(dialog, dialog.subject(), operator, dialog.connectedMessage(), via);
    return process.operatorConnected(dialog.id(), dialog.processInstanceId(), operator);
  }

  private void takeOver(Dialog dialog, String subject, Assignee operator, String message, DialogAssigned.Via via) {
    Instant now = clock.instant();
    dialogs.markTakenOver(dialog, operator.id(), now);
    events.publishEvent(assigned(dialog, subject, operator, via, now));
    announce(dialog, operator, message);
    log.info("dialog {}: connected to operator {}", dialog.id(), operator.id());
  }

  /**
   * The operator, whose slot is reserved, has the dialog with its existing user task; the task is
   * given to them here unless the engine is assigning it already (a Tasklist reassignment).
   */
  private void giveTask(Dialog dialog, String subject, Assignee operator, DialogAssigned.Via via,
      boolean reassignTask) {
    Instant now = clock.instant();
    dialogs.markHandedOver(dialog, operator.id(), now);
    events.publishEvent(assigned(dialog, subject, operator, via, now));
    if (reassignTask && dialog.operatorTaskId() != null) {
      process.reassignTask(dialog.id(), dialog.operatorTaskId(), operator);
    }
  }

  /** {@code dialog} as it was locked, before the assignment: its state says whether and since when it waited. */
  private static DialogAssigned assigned(Dialog dialog, String subject, Assignee operator, DialogAssigned.Via via,
      Instant now) {
    Instant waitingSince;
    if (dialog.state().waiting()) {
      waitingSince = dialog.queuedAt() != null ? dialog.queuedAt() : now;
    } else {
      waitingSince = dialog.state() == DialogState.TAKEN_OVER ? null : now;
    }
    return new DialogAssigned(dialog.id(), operator.id(), dialog.channel(), subject, via, waitingSince, now);
  }

  /** Tells the client who joined; {@code {operator_name}} in the message is the operator's name. */
  private void announce(Dialog dialog, Assignee operator, String message) {
    String text = message == null ? null : message.replace("{operator_name}", operator.name());
    messenger.send(dialog.id(), dialog.channel(), dialog.clientId(), Sender.BOT, null, text);
  }

  private RoutingRequest routing(Dialog dialog, ConnectRequest request, DistributionMethod fallback) {
    DistributionMethod method = request.method() != null ? request.method() : fallback;
    String cursor = method == DistributionMethod.ROUND_ROBIN ? rotations.lastServed(request.subject()).orElse(null) : null;
    return new RoutingRequest(dialog.channel(), request.subject(), request.assignedOperator(), method,
        request.onlyOnline(), cursor);
  }

  /**
   * Decides on a snapshot of the operators, then reserves the best one in the database. The snapshot
   * may be stale; the reservation re-checks under the row lock, and a refused one moves on to the
   * next ranked operator, or to a fresh snapshot. Every attempt goes to the decision record.
   */
  private Assignment assign(Dialog dialog, RoutingRequest routing, DialogAssigned.Via via) {
    return assign(dialog, routing, via, null);
  }

  /** Like {@link #assign(Dialog, RoutingRequest, DialogAssigned.Via)}, never choosing {@code excluded}. */
  private Assignment assign(Dialog dialog, RoutingRequest routing, DialogAssigned.Via via, String excluded) {
    String explanation = "operators kept changing while routing; the dialog will be retried";
    for (int attempt = 0; attempt < ROUTING_ATTEMPTS; attempt++) {
      Decision decision = selector.decide(routing, excluded);
      Map<String, SkipReason> refused = new LinkedHashMap<>();
      if (decision instanceof Decision.Assigned assigned) {
        for (Candidate candidate : assigned.ranked()) {
          Reservation reservation = capacity.tryReserve(candidate.id(), routing);
          if (reservation.reserved()) {
            if (routing.method() == DistributionMethod.ROUND_ROBIN) {
              rotations.served(routing.subject(), candidate.id());
            }
            decisions.record(dialog, routing.subject(), via, DecisionRecord.of(decision, candidate.id(), refused));
            return new Assignment(reservation.operator(), null);
          }
          refused.put(candidate.id(), reservation.refusal());
          log.debug("dialog {}: operator {} was taken meanwhile ({})", dialog.id(), candidate.id(),
              reservation.refusal());
        }
        decisions.record(dialog, routing.subject(), via, DecisionRecord.of(decision, null, refused));
      } else {
        DecisionRecord record = DecisionRecord.of(decision, null, refused);
        decisions.record(dialog, routing.subject(), via, record);
        return new Assignment(null, record.explanation());
      }
    }
    return new Assignment(null, explanation);
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

  /** Where a dialog went when its operator gave it up: to an operator, or into the queue at a position. */
  public record HandOver(String operatorId, Integer queuePosition) {

    static final HandOver NOTHING = new HandOver(null, null);

    static HandOver to(String operatorId) {
      return new HandOver(operatorId, null);
    }

    static HandOver queued(Integer position) {
      return new HandOver(null, position);
    }
  }

  /** What serving one queued dialog came to. */
  public enum ServeResult {
    SERVED, NO_OPERATOR, NOT_WAITING, BANNED, GONE
  }

  private record Assignment(Assignee operator, String explanation) {
  }
}
