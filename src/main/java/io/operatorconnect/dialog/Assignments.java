package io.operatorconnect.dialog;

import io.operatorconnect.channel.ClientMessenger;
import io.operatorconnect.channel.Sender;
import io.operatorconnect.operator.Assignee;
import io.operatorconnect.operator.OperatorCapacity;
import io.operatorconnect.operator.OperatorRepository;
import io.operatorconnect.operator.OperatorSelector;
import io.operatorconnect.operator.Reservation;
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
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Gives a dialog to an operator: picks one by the routing rule and reserves their slot in the database
 * (re-checked under the operator's row lock), or reserves the one a person chose; then marks the dialog
 * taken over, gives the operator the user task, tells the client who joined and publishes
 * {@link DialogAssigned}. Every decision goes to the decision record. Runs in the caller's transaction,
 * which holds the dialog's row lock.
 */
@Component
public class Assignments {

  private static final Logger log = LoggerFactory.getLogger(Assignments.class);

  /** Fresh looks at the operators before a connect gives up because each chosen one was taken meanwhile. */
  private static final int ROUTING_ATTEMPTS = 5;

  private final DialogRepository dialogs;
  private final DecisionLog decisions;
  private final OperatorRepository operators;
  private final OperatorCapacity capacity;
  private final OperatorSelector selector;
  private final Rotations rotations;
  private final ClientMessenger messenger;
  private final DialogProcess process;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Assignments(DialogRepository dialogs, DecisionLog decisions, OperatorRepository operators,
      OperatorCapacity capacity, OperatorSelector selector, Rotations rotations, ClientMessenger messenger,
      DialogProcess process, ApplicationEventPublisher events, Clock clock) {
    this.dialogs = dialogs;
    this.decisions = decisions;
    this.operators = operators;
    this.capacity = capacity;
    this.selector = selector;
    this.rotations = rotations;
    this.messenger = messenger;
    this.process = process;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Takes a slot of the operator a person chose (an accept, a transfer, a Tasklist assignment), within
   * their limits and, when {@code subject} is given, only if they belong to it.
   */
  public Assignee reserveByHand(Dialog dialog, String operatorId, String subject) {
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
   * Moves a dialog from its operator to another, whose slot is already reserved, with the same user task; the
   * client is told who joined.
   */
  public void handOver(Dialog dialog, String subject, Assignee operator, DialogAssigned.Via via,
      boolean reassignTask) {
    capacity.release(dialog.operatorId(), "dialog " + dialog.id() + " moved from " + dialog.operatorId() + " to "
        + operator.id());
    giveTask(dialog, subject, operator, via, reassignTask);
    announce(dialog, operator, dialog.connectedMessage());
    log.info("dialog {}: moved from operator {} to {} ({})", dialog.id(), dialog.operatorId(), operator.id(), via);
  }

  /**
   * Connects a waiting dialog to its reserved operator; false when its scenario does not wait for
   * {@code operator_connected} (the dialog's row is changed already: the caller must roll back).
   */
  public boolean connectWaiting(Dialog dialog, Assignee operator, DialogAssigned.Via via) {
    if (dialog.operatorTaskId() != null) {
      // back from the queue after a transfer or a redistribution: the same task, to the new operator
      backFromTheQueue(dialog, operator, via, true);
      return true;
    }
    takeOver(dialog, dialog.subject(), operator, dialog.connectedMessage(), via);
    return process.operatorConnected(dialog.id(), dialog.processInstanceId(), operator);
  }

  /**
   * A dialog waiting again with its operator task (after a transfer, a redistribution, a return to the queue)
   * goes to the operator, whose slot is reserved: the task is given to them here unless the engine is assigning
   * it already (a Tasklist claim), and the client is told who joined, unless it is the operator they just had.
   */
  public void backFromTheQueue(Dialog dialog, Assignee operator, DialogAssigned.Via via, boolean reassignTask) {
    giveTask(dialog, dialog.subject(), operator, via, reassignTask);
    if (operator.id().equals(dialog.lastOperatorId())) {
      // nobody else could take it: the client already has this operator; their panel says why it is back
      events.publishEvent(new DialogBackWithLastOperator(dialog.id(), operator.id()));
      log.info("dialog {}: back from the queue to operator {}, whom it left: nobody else could take it",
          dialog.id(), operator.id());
    } else {
      announce(dialog, operator, dialog.connectedMessage());
      log.info("dialog {}: back from the queue to operator {}", dialog.id(), operator.id());
    }
  }

  public void takeOver(Dialog dialog, String subject, Assignee operator, String message, DialogAssigned.Via via) {
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
    return new DialogAssigned(dialog.id(), operator.id(), dialog.channel(), subject, via, waitingSince, now,
        operator.name());
  }

  /** Tells the client who joined; {@code {operator_name}} in the message is the operator's name. */
  private void announce(Dialog dialog, Assignee operator, String message) {
    String text = message == null ? null : message.replace("{operator_name}", operator.name());
    messenger.send(dialog.id(), dialog.channel(), dialog.clientId(), Sender.BOT, null, text);
  }

  public RoutingRequest routing(Dialog dialog, ConnectRequest request, DistributionMethod fallback) {
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
  public Assignment assign(Dialog dialog, RoutingRequest routing, DialogAssigned.Via via) {
    return assign(dialog, routing, via, null);
  }

  /** Like {@link #assign(Dialog, RoutingRequest, DialogAssigned.Via)}, never choosing {@code excluded}. */
  public Assignment assign(Dialog dialog, RoutingRequest routing, DialogAssigned.Via via, String excluded) {
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

  /** The operator who has the dialog now, or null with why nobody could take it. */
  public record Assignment(Assignee operator, String explanation) {
  }
}
