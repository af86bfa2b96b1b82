package io.operatorconnect.queue;

import io.operatorconnect.dialog.Assignments;
import io.operatorconnect.dialog.BannedClients;
import io.operatorconnect.dialog.ConnectRequest;
import io.operatorconnect.dialog.Dialog;
import io.operatorconnect.dialog.DialogAssigned;
import io.operatorconnect.dialog.DialogRepository;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.routing.DistributionMethod;
import io.operatorconnect.routing.RoutingRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serves one queued dialog, for the dispatcher: if an operator may take it now, reserves them, marks the
 * dialog taken over and wakes its scenario with {@code operator_connected}.
 */
@Component
public class QueueServing {

  private final DialogRepository dialogs;
  private final BannedClients bans;
  private final Assignments assignments;

  QueueServing(DialogRepository dialogs, BannedClients bans, Assignments assignments) {
    this.dialogs = dialogs;
    this.bans = bans;
    this.assignments = assignments;
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
    RoutingRequest routing = assignments.routing(dialog, ConnectRequest.of(dialog), fallback);
    // somebody else than the operator who gave the dialog back, and them only when nobody else can take it
    Assignments.Assignment assignment = assignments.assign(dialog, routing, DialogAssigned.Via.QUEUE,
        dialog.lastOperatorId());
    if (assignment.operator() == null && dialog.lastOperatorId() != null) {
      assignment = assignments.assign(dialog, routing, DialogAssigned.Via.QUEUE);
    }
    if (assignment.operator() == null) {
      return ServeResult.NO_OPERATOR;
    }
    // Whether the scenario waits is learnt by delivering operator_connected: one look at its subscriptions,
    // not one before routing and another to deliver.
    if (!assignments.connectWaiting(dialog, assignment.operator(), DialogAssigned.Via.QUEUE)) {
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

  /** What serving one queued dialog came to. */
  public enum ServeResult {
    SERVED, NO_OPERATOR, NOT_WAITING, BANNED, GONE
  }
}
