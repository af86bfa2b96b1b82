package io.operatorconnect.dialog;

import io.operatorconnect.channel.ClientMessenger;
import io.operatorconnect.channel.Sender;
import io.operatorconnect.channel.Transcript;
import io.operatorconnect.channel.TranscriptMessage;
import io.operatorconnect.system.BadRequestException;
import io.operatorconnect.system.ConflictException;
import io.operatorconnect.system.DialogMdc;
import io.operatorconnect.system.NewIds;
import io.operatorconnect.system.NotFoundException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts dialogs, shows them, and carries out the operator's and the client's actions on them. */
@Service
public class DialogService {

  private static final Logger log = LoggerFactory.getLogger(DialogService.class);

  /** Variables the API sets itself; a caller may not override them. */
  static final Set<String> RESERVED_VARIABLES = Set.of("dialog_id", "channel", "client_id", "chat_state",
      "connect_result", "operator_id", "operator_name", "queue_position", "connect_error");

  /** The engine keeps a text variable in a VARCHAR(4000) column; a longer one fails the whole start with a 500. */
  static final int MAX_TEXT_VARIABLE = 4000;

  private final DialogRepository dialogs;
  private final QueuePlaces queue;
  private final DialogProcess process;
  private final HandOvers handOvers;
  private final DialogLifecycle lifecycle;
  private final DecisionLog decisionLog;
  private final Transcript transcript;
  private final ClientMessenger messenger;
  private final WaitEstimates waits;
  private final DialogSearch search;
  private final DialogNotes notes;
  private final Clock clock;

  DialogService(DialogRepository dialogs, QueuePlaces queue, DialogProcess process, HandOvers handOvers, DialogLifecycle lifecycle,
      DecisionLog decisionLog, Transcript transcript, ClientMessenger messenger, WaitEstimates waits,
      DialogSearch search, DialogNotes notes, Clock clock) {
    this.dialogs = dialogs;
    this.queue = queue;
    this.process = process;
    this.handOvers = handOvers;
    this.lifecycle = lifecycle;
    this.decisionLog = decisionLog;
    this.transcript = transcript;
    this.messenger = messenger;
    this.waits = waits;
    this.search = search;
    this.notes = notes;
    this.clock = clock;
  }

  /**
   * A new dialog: starts its scenario with business key = dialog id, in one transaction with the dialog row
   * (which an unknown scenario rolls back).
   */
  @Transactional
  public DialogView start(String channel, String clientId, String scenario, Map<String, Object> variables) {
    Map<String, Object> given = variables == null ? Map.of() : variables;
    for (var entry : given.entrySet()) {
      if (RESERVED_VARIABLES.contains(entry.getKey())) {
        throw new BadRequestException("variables." + entry.getKey() + " is set by Operator Connect itself; leave it out");
      }
      Object value = entry.getValue();
      if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        throw new BadRequestException("variables." + entry.getKey()
            + ": only strings, numbers, booleans and null are accepted; pass structured data as a JSON string");
      }
      if (value instanceof BigInteger || value instanceof BigDecimal) {
        // Jackson reads an integer beyond long as BigInteger; the engine would keep it Java-serialized.
        throw new BadRequestException("variables." + entry.getKey() + ": " + value
            + " is out of range; numbers must fit in a 64-bit integer or a double");
      }
      if (value instanceof String text && text.length() > MAX_TEXT_VARIABLE) {
        throw new BadRequestException("variables." + entry.getKey() + " is " + text.length()
            + " characters long; a process variable holds at most " + MAX_TEXT_VARIABLE);
      }
    }
    String id = NewIds.next();
    try (var ignored = DialogMdc.put(id)) {
      dialogs.insert(id, channel, clientId, scenario, clock.instant());
      messenger.starts(id, channel);
      Map<String, Object> start = new HashMap<>(given);
      start.put("dialog_id", id);
      start.put("channel", channel);
      start.put("client_id", clientId);
      start.put("chat_state", DialogState.BOT.name());
      String processInstanceId = process.start(scenario, id, start);
      if (processInstanceId == null) {
        // rolls the dialog's row back with the transaction
        throw new NotFoundException("scenario '" + scenario + "' is not deployed, or is suspended; active scenarios: "
            + process.scenarios());
      }
      dialogs.setProcessInstance(id, processInstanceId);
      log.info("dialog {}: started for client {} on {} with scenario {}", id, clientId, channel, scenario);
      return view(id);
    }
  }

  @Transactional(readOnly = true)
  public DialogView view(String id) {
    Dialog dialog = dialogs.findById(id).orElseThrow(() -> unknown(id));
    boolean noted = dialog.connectResult() == ConnectResult.ERROR || dialog.state() == DialogState.CLOSED;
    return DialogView.of(dialog, queue.queuePosition(dialog).orElse(null), waits.estimatedWaitSeconds(dialog),
        noted ? notes.of(id) : DialogNotes.Notes.NONE);
  }

  /** The scenario's variables the analyst marked as visible to operators ({@link DialogProcess#visibleVariables}). */
  @Transactional(readOnly = true)
  public Map<String, Object> visibleVariables(String id) {
    Dialog dialog = dialogs.findById(id).orElseThrow(() -> unknown(id));
    return process.visibleVariables(dialog.processInstanceId());
  }

  /** A page of {@code GET /api/dialogs}: the dialogs as {@code GET /api/dialogs/{id}} shows each, and the next cursor. */
  public record DialogPage(List<DialogView> items, String next) {
  }

  /** The dialogs that match, newest first, a page at a time. */
  @Transactional(readOnly = true)
  DialogPage list(DialogQuery query) {
    DialogSearch.Page page = search.find(query);
    List<DialogView> items = page.dialogs().stream()
        .map(found -> DialogView.of(found.dialog(), queue.queuePosition(found.dialog()).orElse(null),
            waits.estimatedWaitSeconds(found.dialog()), found.notes()))
        .toList();
    return new DialogPage(items, page.next() == null ? null : page.next().encoded());
  }

  @Transactional
  public DialogView accept(String id, String operatorId) {
    handOvers.accept(id, operatorId);
    return view(id);
  }

  /** Closes a dialog an operator has: completes the operator's task (whose listener frees the slot). */
  @Transactional
  public DialogView close(String id) {
    return close(id, null, null);
  }

  /**
   * Closes a dialog an operator has, keeping what they said of it: an outcome tag ({@code resolved},
   * {@code not_resolved}, ...) and a note, either may be null.
   */
  @Transactional
  public DialogView close(String id, String outcome, String note) {
    Dialog dialog = dialogs.lock(id).orElseThrow(() -> unknown(id));
    if (dialog.state() != DialogState.TAKEN_OVER) {
      throw new ConflictException("dialog '" + id + "' is " + dialog.state()
          + "; only a dialog an operator has (TAKEN_OVER) can be closed");
    }
    if (outcome != null || note != null) {
      notes.closeOutcome(id, outcome, note);
    }
    if (dialog.operatorTaskId() == null || !process.completeTask(dialog.operatorTaskId())) {
      lifecycle.close(dialog);
    }
    return view(id);
  }

  /** Hands the dialog to a named operator, or to a subject (routed; queued when nobody there is free). */
  @Transactional
  public DialogView transfer(String id, String toOperator, String toSubject) {
    if ((toOperator == null) == (toSubject == null)) {
      throw new BadRequestException("give exactly one of operatorId (a named operator) and subject (routed)");
    }
    handOvers.transfer(id, toOperator, toSubject);
    return view(id);
  }

  /** The operator gives the dialog back to the queue, at its original waiting time. */
  @Transactional
  public DialogView returnToQueue(String id) {
    handOvers.returnToQueue(id);
    return view(id);
  }

  /**
   * The bot takes the dialog back: correlates {@code return_to_bot}, which the scenario catches with a
   * message boundary event on the operator's task; the task ends, the slot is freed, the queue moves.
   */
  @Transactional
  public DialogView returnToBot(String id) {
    Dialog dialog = dialogs.lock(id).orElseThrow(() -> unknown(id));
    if (dialog.state() != DialogState.TAKEN_OVER) {
      throw new ConflictException("dialog '" + id + "' is " + dialog.state()
          + "; only a dialog an operator has (TAKEN_OVER) can be returned to the bot");
    }
    if (!process.canReturnToBot(id)) {
      throw new ConflictException("the scenario of dialog '" + id + "' (" + dialog.scenario()
          + ") does not model a return to the bot: add a message boundary event for 'return_to_bot'"
          + " on the operator's user task");
    }
    process.returnToBot(id);
    return view(id);
  }

  @Transactional(readOnly = true)
  public List<DecisionLog.DecisionView> decisions(String id) {
    dialogs.findById(id).orElseThrow(() -> unknown(id));
    return decisionLog.of(id);
  }

  @Transactional(readOnly = true)
  public List<TranscriptMessage> messages(String id) {
    dialogs.findById(id).orElseThrow(() -> unknown(id));
    return transcript.of(id);
  }

  /**
   * Adds a message to the transcript. A client's message reaches the scenario only while the bot has
   * the dialog; while an operator has it, it is for the operator alone.
   */
  @Transactional
  public TranscriptMessage post(String id, Sender from, String operatorId, String text) {
    Dialog dialog = dialogs.lock(id).orElseThrow(() -> unknown(id));
    if (dialog.state() == DialogState.CLOSED) {
      throw new ConflictException("dialog '" + id + "' is closed; no more messages can be added");
    }
    return switch (from) {
      case CLIENT -> {
        TranscriptMessage line = transcript.append(id, Sender.CLIENT, null, text);
        if (dialog.state() == DialogState.BOT) {
          process.clientMessage(id, text);
        }
        yield line;
      }
      case OPERATOR -> {
        if (dialog.state() != DialogState.TAKEN_OVER || !dialog.operatorId().equals(operatorId)) {
          throw new ConflictException("operator '" + operatorId + "' does not have dialog '" + id + "'"
              + (dialog.operatorId() == null ? "" : "; operator '" + dialog.operatorId() + "' has it"));
        }
        yield messenger.send(id, dialog.channel(), dialog.clientId(), Sender.OPERATOR, operatorId, text);
      }
      case BOT -> messenger.send(id, dialog.channel(), dialog.clientId(), Sender.BOT, null, text);
    };
  }

  /**
   * The scenario says something to the client. Never throws, since it runs inside the engine's
   * transaction: a dialog that is gone or closed is logged and skipped. It holds the dialog's row, as every
   * step that says something to the client does (see ClientMessenger), at no cost when the step holds it already
   * (the dialog's start, the connect action).
   */
  @Transactional
  public boolean botSays(String id, String text) {
    Dialog dialog = dialogs.lock(id).orElse(null);
    if (dialog == null || dialog.state() == DialogState.CLOSED) {
      log.warn("dialog {}: not sending '{}', the dialog is {}", id, text, dialog == null ? "unknown" : "closed");
      return false;
    }
    messenger.send(id, dialog.channel(), dialog.clientId(), Sender.BOT, null, text);
    return true;
  }

  static NotFoundException unknown(String id) {
    return new NotFoundException("dialog '" + id + "' does not exist");
  }
}
