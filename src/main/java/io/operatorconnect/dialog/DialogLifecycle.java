package io.operatorconnect.dialog;

import io.operatorconnect.operator.OperatorCapacity;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps dialogs in step with their scenarios: whatever way a user task or an instance ends
 * (our API, Tasklist, {@code /engine-rest}, a boundary event, a cancellation in Cockpit), the slot is
 * freed and the queue entry removed, so nothing leaks. Called by the engine listeners in {@code process}.
 */
@Component
public class DialogLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DialogLifecycle.class);

  private final DialogRepository dialogs;
  private final OperatorCapacity capacity;
  private final HandOvers handOvers;
  private final Clock clock;

  DialogLifecycle(DialogRepository dialogs, OperatorCapacity capacity, HandOvers handOvers, Clock clock) {
    this.dialogs = dialogs;
    this.capacity = capacity;
    this.handOvers = handOvers;
    this.clock = clock;
  }

  /** The operator's user task exists: remember it so that closing the dialog can complete it. */
  @Transactional
  public void operatorTaskCreated(String dialogId, String taskId, String assignee) {
    Dialog dialog = dialogs.lock(dialogId).orElse(null);
    if (dialog != null && dialog.state() == DialogState.TAKEN_OVER && dialog.operatorId().equals(assignee)) {
      dialogs.setOperatorTask(dialogId, taskId);
    } else {
      log.warn("dialog {}: operator task {} for {} created, but the dialog is {}", dialogId, taskId, assignee,
          dialog == null ? "unknown" : dialog.state() + " with operator " + dialog.operatorId());
    }
  }

  /**
   * The operator's task got another assignee, or none: see {@link HandOvers#operatorTaskAssigned}.
   * Only the dialog's own task moves it.
   */
  @Transactional
  public void operatorTaskAssigned(String dialogId, String taskId, String assignee) {
    if (ownTask(dialogId, taskId).isPresent()) {
      handOvers.operatorTaskAssigned(dialogId, assignee);
    }
  }

  /**
   * The operator completed their task: the dialog is over and the slot is free (DESIGN.md: completing
   * the operator's task closes the dialog). A scenario that gives the chat back to the bot instead
   * ends the task another way: a {@code return_to_bot} boundary event, or the set-chat-operator-state
   * action's {@code CHATBOT_CONTROLLED}.
   */
  @Transactional
  public void operatorTaskCompleted(String dialogId, String taskId) {
    ownTask(dialogId, taskId).filter(dialog -> dialog.state() != DialogState.CLOSED).ifPresent(this::close);
  }

  /** The operator's task was cancelled (a boundary event, a deleted instance): the bot has the dialog again. */
  @Transactional
  public void operatorTaskCancelled(String dialogId, String taskId) {
    ownTask(dialogId, taskId).filter(dialog -> dialog.state() == DialogState.TAKEN_OVER).ifPresent(dialog -> {
      dialogs.markBot(dialog);
      capacity.release(dialog.operatorId(), "dialog " + dialogId + " left operator " + dialog.operatorId());
      log.info("dialog {}: operator {} task cancelled, back to the bot", dialogId, dialog.operatorId());
    });
  }

  /** The scenario stopped waiting for {@code operator_connected} without getting it (a maximum wait, say). */
  @Transactional
  public void stoppedWaiting(String dialogId) {
    dialogs.lock(dialogId).filter(dialog -> dialog.state().waiting()).ifPresent(dialog -> {
      dialogs.markBot(dialog);
      log.info("dialog {}: left the {} state, back to the bot", dialogId, dialog.state());
    });
  }

  /** The scenario instance ended, by completing or by being deleted. */
  @Transactional
  public void scenarioEnded(String dialogId) {
    dialogs.lock(dialogId).filter(dialog -> dialog.state() != DialogState.CLOSED).ifPresent(this::close);
  }

  /**
   * The locked dialog, if the task is the operator task it recorded: a task of another instance (or an
   * older task of its own) says nothing about it.
   */
  private Optional<Dialog> ownTask(String dialogId, String taskId) {
    Optional<Dialog> dialog = dialogs.lock(dialogId);
    if (dialog.isPresent() && !Objects.equals(taskId, dialog.get().operatorTaskId())) {
      log.warn("dialog {}: task {} is not its operator task ({}); the dialog is left as it is", dialogId, taskId,
          dialog.get().operatorTaskId());
      return Optional.empty();
    }
    return dialog;
  }

  /** Closes a locked dialog: frees the operator's slot or leaves the queue. */
  void close(Dialog dialog) {
    dialogs.markClosed(dialog, clock.instant());
    if (dialog.state() == DialogState.TAKEN_OVER) {
      capacity.release(dialog.operatorId(), "dialog " + dialog.id() + " closed");
    }
    log.info("dialog {}: closed from {} (operator {})", dialog.id(), dialog.state(), dialog.operatorId());
  }
}
