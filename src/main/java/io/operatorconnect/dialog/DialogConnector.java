package io.operatorconnect.dialog;

import io.operatorconnect.channel.ClientMessenger;
import io.operatorconnect.channel.Sender;
import io.operatorconnect.operator.Operator;
import io.operatorconnect.operator.OperatorCapacity;
import io.operatorconnect.operator.OperatorRepository;
import io.operatorconnect.operator.Reservation;
import io.operatorconnect.panel.PanelSettings;
import io.operatorconnect.panel.PanelSettingsRepository;
import io.operatorconnect.queue.DrainRequest;
import io.operatorconnect.routing.Candidate;
import io.operatorconnect.routing.Decision;
import io.operatorconnect.routing.DistributionMethod;
import io.operatorconnect.routing.Router;
import io.operatorconnect.routing.RoutingRequest;
import io.operatorconnect.system.ConflictException;
import io.operatorconnect.system.NotFoundException;
import java.time.Clock;
import java.util.List;
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
  private final BannedClients bans;
  private final OperatorRepository operators;
  private final OperatorCapacity capacity;
  private final Router router;
  private final Rotations rotations;
  private final PanelSettingsRepository settings;
  private final ClientMessenger messenger;
  private final DialogProcess process;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  DialogConnector(DialogRepository dialogs, BannedClients bans, OperatorRepository operators,
      OperatorCapacity capacity, Router router, Rotations rotations, PanelSettingsRepository settings,
      ClientMessenger messenger, DialogProcess process, ApplicationEventPublisher events, Clock clock) {
    this.dialogs = dialogs;
    this.bans = bans;
    this.operators = operators;
    this.capacity = capacity;
    this.router = router;
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
      dialogs.setConnectResult(dialogId, "banned");
      log.info("dialog {}: client {} is banned", dialogId, dialog.clientId());
      return new ConnectOutcome.Banned(dialog.clientId());
    }
    String unknown = unknownTarget(request);
    if (unknown != null) {
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
      dialogs.setConnectResult(dialogId, "limit");
      log.info("dialog {}: limit, {} dialog(s) of the same subject and channel wait ahead", dialogId, ahead);
      return new ConnectOutcome.Limit(ahead + " dialog(s) of the same subject and channel are already waiting in the queue");
    }
    RoutingRequest routing = routing(dialog, request, panel.distributionMethod());
    Assignment assignment = assign(dialogId, routing);
    if (assignment.operator() == null) {
      dialogs.setConnectResult(dialogId, "limit");
      log.info("dialog {}: limit, {}", dialogId, assignment.explanation());
      return new ConnectOutcome.Limit(assignment.explanation());
    }
    takeOver(dialog, assignment.operator(), request.message(), DialogAssigned.Via.CONNECT_ACTION);
    return new ConnectOutcome.Connected(assignment.operator());
  }

  /**
   * Serves one queued dialog if an operator may take it now: reserves the operator, marks the dialog
   * taken over and wakes its scenario. The caller's transaction must hold nothing else.
   */
  @Transactional
  public ServeResult serveQueued(String dialogId) {
    Dialog dialog = dialogs.lock(dialogId).orElse(null);
    if (dialog == null || dialog.state() != DialogState.QUEUED) {
      return ServeResult.GONE;
    }
    if (bans.isBanned(dialog.clientId())) {
      // Banned while waiting: no operator gets the dialog; the scenario's maximum wait ends it.
      return ServeResult.BANNED;
    }
    if (!process.waitingForOperator(dialogId)) {
      log.warn("dialog {}: queued, but its scenario does not wait for operator_connected; left in the queue", dialogId);
      return ServeResult.NOT_WAITING;
    }
    DistributionMethod fallback = settings.get().distributionMethod();
    Assignment assignment = assign(dialogId, routing(dialog, ConnectRequest.of(dialog), fallback));
    if (assignment.operator() == null) {
      return ServeResult.NO_OPERATOR;
    }
    connectWaiting(dialog, assignment.operator(), DialogAssigned.Via.QUEUE);
    return ServeResult.SERVED;
  }

  /** Manual connection: the operator takes a REQUESTED or QUEUED dialog within their limits. */
  @Transactional
  public Operator accept(String dialogId, String operatorId) {
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
    if (!process.waitingForOperator(dialogId)) {
      throw new ConflictException("the scenario of dialog '" + dialogId
          + "' is not waiting for an operator (no operator_connected message event is active)");
    }
    RoutingRequest routing = new RoutingRequest(dialog.channel(), dialog.subject(), operatorId,
        DistributionMethod.DEFAULT, false, null);
    Reservation reservation = capacity.tryReserve(operatorId, routing);
    if (!reservation.reserved()) {
      String why = reservation.refusal() == null ? "cannot take dialogs" : reservation.refusal().description();
      throw new ConflictException("operator '" + operatorId + "' " + why + " and cannot accept dialog '" + dialogId + "'");
    }
    connectWaiting(dialog, reservation.operator(), DialogAssigned.Via.ACCEPT);
    return reservation.operator();
  }

  private ConnectOutcome startWaiting(Dialog dialog, DialogState state, ConnectRequest request) {
    String result = state == DialogState.QUEUED ? "queued" : "requested";
    dialogs.markWaiting(dialog.id(), state, result, clock.instant());
    messenger.send(dialog.id(), dialog.channel(), dialog.clientId(), Sender.BOT, null, request.waitingMessage());
    if (state == DialogState.QUEUED) {
      events.publishEvent(new DrainRequest("dialog " + dialog.id() + " queued"));
    }
    Integer position = dialogs.findById(dialog.id()).flatMap(dialogs::queuePosition).orElse(null);
    log.info("dialog {}: {} (subject={}, operator={}, priority={}, position={})", dialog.id(), result,
        request.subject(), request.assignedOperator(), request.priority(), position);
    return new ConnectOutcome.Waiting(state, position);
  }

  private void connectWaiting(Dialog dialog, Operator operator, DialogAssigned.Via via) {
    takeOver(dialog, operator, dialog.connectedMessage(), via);
    process.operatorConnected(dialog.id(), operator);
  }

  private void takeOver(Dialog dialog, Operator operator, String message, DialogAssigned.Via via) {
    dialogs.markTakenOver(dialog.id(), operator.id(), clock.instant());
    events.publishEvent(new DialogAssigned(dialog.id(), operator.id(), dialog.channel(), via));
    String text = message == null ? null : message.replace("{operator_name}", operator.name());
    messenger.send(dialog.id(), dialog.channel(), dialog.clientId(), Sender.BOT, null, text);
    log.info("dialog {}: connected to operator {}", dialog.id(), operator.id());
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
   * next ranked operator, or to a fresh snapshot.
   */
  private Assignment assign(String dialogId, RoutingRequest routing) {
    String explanation = "operators kept changing while routing; the dialog will be retried";
    for (int attempt = 0; attempt < ROUTING_ATTEMPTS; attempt++) {
      List<Candidate> candidates = operators.findAll().stream().map(Operator::toCandidate).toList();
      Decision decision = router.decide(routing, candidates);
      if (decision instanceof Decision.Assigned assigned) {
        for (Candidate candidate : assigned.ranked()) {
          Reservation reservation = capacity.tryReserve(candidate.id(), routing);
          if (reservation.reserved()) {
            if (routing.method() == DistributionMethod.ROUND_ROBIN) {
              rotations.served(routing.subject(), candidate.id());
            }
            return new Assignment(reservation.operator(), null);
          }
          log.debug("dialog {}: operator {} was taken meanwhile ({})", dialogId, candidate.id(), reservation.refusal());
        }
      } else if (decision instanceof Decision.NoFreeOperator none) {
        return new Assignment(null, none.explanation());
      } else if (decision instanceof Decision.Invalid invalid) {
        return new Assignment(null, invalid.message());
      }
    }
    return new Assignment(null, explanation);
  }

  private String unknownTarget(ConnectRequest request) {
    if (request.assignedOperator() != null && !operators.exists(request.assignedOperator())) {
      return "unknown operator '" + request.assignedOperator() + "' in assigned_operator";
    }
    if (request.subject() != null && !operators.groupExists(request.subject())) {
      return "unknown subject '" + request.subject() + "' in subject_alias: no operator belongs to it";
    }
    return null;
  }

  /** What serving one queued dialog came to. */
  public enum ServeResult {
    SERVED, NO_OPERATOR, NOT_WAITING, BANNED, GONE
  }

  private record Assignment(Operator operator, String explanation) {
  }
}
