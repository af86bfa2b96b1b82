package io.operatorconnect.dialog;

import io.operatorconnect.operator.Assignee;
import io.operatorconnect.operator.OperatorCapacity;
import io.operatorconnect.operator.OperatorRepository;
import io.operatorconnect.routing.DecisionRecord;
import io.operatorconnect.routing.DistributionMethod;
import io.operatorconnect.routing.RoutingRequest;
import io.operatorconnect.settings.PanelSettingsRepository;
import io.operatorconnect.system.ConflictException;
import io.operatorconnect.system.NotFoundException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A dialog moves on by hand or because its operator leaves: an operator accepts a waiting dialog,
 * transfers one or gives it back to the queue, the user task is reassigned in Tasklist, or an operator's
 * dialogs are redistributed. Each runs in one transaction and locks the dialog row first, then at most one
 * operator row at a time.
 */
@Component
public class HandOvers {

  private static final Logger log = LoggerFactory.getLogger(HandOvers.class);

  private final DialogRepository dialogs;
  private final QueuePlaces queue;
  private final DecisionLog decisions;
  private final OperatorRepository operators;
  private final OperatorCapacity capacity;
  private final Rotations rotations;
  private final PanelSettingsRepository settings;
  private final DialogProcess process;
  private final ApplicationEventPublisher events;
  private final Assignments assignments;
  private final BannedClients bans;

  HandOvers(DialogRepository dialogs, QueuePlaces queue, DecisionLog decisions, OperatorRepository operators,
      OperatorCapacity capacity, Rotations rotations, PanelSettingsRepository settings, DialogProcess process,
      ApplicationEventPublisher events, Assignments assignments, BannedClients bans) {
    this.dialogs = dialogs;
    this.queue = queue;
    this.decisions = decisions;
    this.operators = operators;
    this.capacity = capacity;
    this.rotations = rotations;
    this.settings = settings;
    this.process = process;
    this.events = events;
    this.assignments = assignments;
    this.bans = bans;
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
    if (bans.isBanned(dialog.clientId())) {
      throw new ConflictException("client '" + dialog.clientId() + "' of dialog '" + dialogId + "' is banned: routing"
          + " gives their dialogs to nobody, and neither does an accept (lift the ban first, DELETE"
          + " /api/clients/{clientId}/ban)");
    }
    if (!waitsForOperator(dialog)) {
      throw new ConflictException("the scenario of dialog '" + dialogId
          + "' is not waiting for an operator (no operator_connected message event is active)");
    }
    Assignee operator = assignments.reserveByHand(dialog, operatorId, dialog.subject());
    decisions.record(dialog, dialog.subject(), DialogAssigned.Via.ACCEPT, DecisionRecord.byHand(operatorId));
    if (!assignments.connectWaiting(dialog, operator, DialogAssigned.Via.ACCEPT)) {
      // it stopped waiting since the look above (on another node): the exception rolls the reservation back
      throw new ConflictException("the scenario of dialog '" + dialogId + "' stopped waiting for an operator");
    }
    return operator;
  }

  /**
   * Hands the dialog an operator has to another operator, named, or routed among a subject's
   * operators by the method in force. With no operator free in the subject, the dialog goes back to
   * the queue of that subject with its original waiting time. A waiting dialog (a supervisor's reassignment)
   * goes to the named operator as an accept would take it, or to the queue of the other subject, keeping its
   * waiting time, for that subject's operators to be served from.
   */
  @Transactional
  public HandOver transfer(String dialogId, String toOperator, String toSubject) {
    Dialog dialog = dialogs.lock(dialogId).orElseThrow(() -> DialogService.unknown(dialogId));
    if (dialog.state().waiting()) {
      return toOperator != null ? HandOver.to(accept(dialogId, toOperator).id()) : moveWaiting(dialog, toSubject);
    }
    requireTakenOver(dialog, "transferred");
    if (toOperator != null) {
      if (toOperator.equals(dialog.operatorId())) {
        throw new ConflictException("operator '" + toOperator + "' already has dialog '" + dialogId + "'");
      }
      Assignee operator = assignments.reserveByHand(dialog, toOperator, null);
      decisions.record(dialog, dialog.subject(), DialogAssigned.Via.TRANSFER, DecisionRecord.byHand(toOperator));
      assignments.handOver(dialog, dialog.subject(), operator, DialogAssigned.Via.TRANSFER, true);
      return HandOver.to(operator.id());
    }
    requireSubject(toSubject);
    return reroute(dialog, toSubject, DialogAssigned.Via.TRANSFER);
  }

  /** A waiting dialog goes to another subject's queue with its waiting time; the queue is served at once. */
  private HandOver moveWaiting(Dialog dialog, String subject) {
    requireSubject(subject);
    if (subject.equals(dialog.subject())) {
      throw new ConflictException("dialog '" + dialog.id() + "' already waits for an operator of '" + subject + "'");
    }
    dialogs.moveWaiting(dialog, subject);
    events.publishEvent(new DialogQueued(dialog.id(), "moved to the queue of " + subject));
    Integer position = dialogs.findById(dialog.id()).flatMap(queue::queuePosition).orElse(null);
    log.info("dialog {}: moved from the queue of {} to that of {} (position {})", dialog.id(), dialog.subject(),
        subject, position);
    return HandOver.queued(position);
  }

  private void requireSubject(String subject) {
    if (!operators.groupExists(subject)) {
      throw new NotFoundException("subject '" + subject + "' does not exist: no operator belongs to it");
    }
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
      Assignee operator = assignments.reserveByHand(dialog, assignee, null);
      decisions.record(dialog, dialog.subject(), DialogAssigned.Via.TRANSFER, DecisionRecord.byHand(assignee));
      assignments.handOver(dialog, dialog.subject(), operator, DialogAssigned.Via.TRANSFER, false);
    } else if (dialog.state().waiting() && dialog.operatorTaskId() != null && assignee != null) {
      Assignee operator = assignments.reserveByHand(dialog, assignee, null);
      decisions.record(dialog, dialog.subject(), DialogAssigned.Via.ACCEPT, DecisionRecord.byHand(assignee));
      assignments.backFromTheQueue(dialog, operator, DialogAssigned.Via.ACCEPT, false);
    }
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
    Assignments.Assignment assignment = assignments.assign(dialog, routing, via, dialog.operatorId());
    if (assignment.operator() == null) {
      return requeue(dialog, subject, true);
    }
    dialogs.setSubject(dialog.id(), subject);
    assignments.handOver(dialog, subject, assignment.operator(), via, true);
    return HandOver.to(assignment.operator().id());
  }

  private Dialog lockTakenOver(String dialogId, String action) {
    return requireTakenOver(dialogs.lock(dialogId).orElseThrow(() -> DialogService.unknown(dialogId)), action);
  }

  private static Dialog requireTakenOver(Dialog dialog, String action) {
    String dialogId = dialog.id();
    if (dialog.state() != DialogState.TAKEN_OVER) {
      throw new ConflictException("dialog '" + dialogId + "' is " + dialog.state()
          + "; only a dialog an operator has (TAKEN_OVER) can be " + action);
    }
    return dialog;
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
    Integer position = dialogs.findById(dialog.id()).flatMap(queue::queuePosition).orElse(null);
    log.info("dialog {}: operator {} gave it back to the queue (position {})", dialog.id(), dialog.operatorId(),
        position);
    return HandOver.queued(position);
  }

  /** A queued dialog can be served when its scenario waits for operator_connected, or its operator task waits unassigned. */
  private boolean waitsForOperator(Dialog dialog) {
    return dialog.operatorTaskId() != null || process.waitingForOperator(dialog.id(), dialog.processInstanceId());
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
}
