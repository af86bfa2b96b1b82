package io.operatorconnect.dialog;

import io.operatorconnect.dialog.HandOvers.HandOver;
import io.operatorconnect.operator.OperatorRepository;
import io.operatorconnect.operator.OperatorWentOffline;
import io.operatorconnect.operator.PresenceProperties;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.settings.PanelSettingsRepository;
import io.operatorconnect.system.DialogMdc;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves an operator's open dialogs to other eligible operators by the method in force, or back to
 * the queue at their original waiting time: on request, when the operator goes OFFLINE and the panel
 * setting says so, and on a periodic check on every node that also sets silent operators OFFLINE and
 * catches dialogs a crash left with an OFFLINE operator. Each dialog moves in a transaction of its own.
 */
@Service
public class Redistribution {

  private static final Logger log = LoggerFactory.getLogger(Redistribution.class);

  private final OpenDialogs dialogs;
  private final HandOvers handOvers;
  private final OperatorService operatorService;
  private final OperatorRepository operators;
  private final PanelSettingsRepository settings;
  private final PresenceProperties presence;
  private final TransactionTemplate newTransaction;
  private final Clock clock;

  Redistribution(OpenDialogs dialogs, HandOvers handOvers, OperatorService operatorService,
      OperatorRepository operators, PanelSettingsRepository settings, PresenceProperties presence,
      PlatformTransactionManager transactions, Clock clock) {
    this.dialogs = dialogs;
    this.handOvers = handOvers;
    this.operatorService = operatorService;
    this.operators = operators;
    this.settings = settings;
    this.presence = presence;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /** Where one dialog went. */
  public record Moved(String dialogId, String operatorId, Integer queuePosition) {
  }

  /** Moves every open dialog of the operator; what happened to each. */
  public List<Moved> redistribute(String operatorId) {
    operatorService.get(operatorId);
    List<Moved> moved = new ArrayList<>();
    for (Dialog dialog : dialogs.ofOperator(operatorId)) {
      try (var ignored = DialogMdc.put(dialog.id())) {
        HandOver result = newTransaction.execute(status -> handOvers.redistribute(dialog.id(), operatorId));
        if (result != null && result != HandOver.NOTHING) {
          moved.add(new Moved(dialog.id(), result.operatorId(), result.queuePosition()));
        }
      }
    }
    log.info("operator {}: {} dialog(s) redistributed: {}", operatorId, moved.size(), moved);
    return moved;
  }

  /** After the transaction that set the operator OFFLINE has committed. */
  @TransactionalEventListener(fallbackExecution = true)
  void onOffline(OperatorWentOffline event) {
    if (!settings.get().redistributeOnOffline()) {
      return;
    }
    try {
      redistribute(event.operatorId());
    } catch (RuntimeException e) {
      log.warn("operator {}: redistribution failed, the next presence check tries again: {}", event.operatorId(),
          e.toString());
    }
  }

  /** Sets silent operators OFFLINE; moves dialogs still with OFFLINE operators when the setting says so. */
  @Scheduled(initialDelayString = "${operator-connect.operators.check-interval:10s}",
      fixedDelayString = "${operator-connect.operators.check-interval:10s}")
  void checkPresence() {
    try {
      if (presence.heartbeatsRequired()) {
        var cutoff = clock.instant().minus(presence.heartbeatTimeout());
        for (String operatorId : operatorService.silentSince(cutoff)) {
          operatorService.goOfflineIfSilent(operatorId, cutoff);
        }
      }
      if (settings.get().redistributeOnOffline()) {
        operators.offlineWithDialogs().forEach(this::redistribute);
      }
    } catch (RuntimeException e) {
      log.warn("presence check failed; the next one tries again: {}", e.toString());
    }
  }
}
