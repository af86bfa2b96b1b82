package io.operatorconnect.dialog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.operatorconnect.channel.ClientDialogs;
import io.operatorconnect.channel.Sender;
import io.operatorconnect.channel.TranscriptMessage;
import io.operatorconnect.operator.OperatorRepository;
import io.operatorconnect.system.DialogMdc;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client's side of a dialog, for the web chat (channel.ClientDialogs): start, read, write, leave. Leaving
 * closes the dialog whoever has it and ends its scenario; a client who leaves while waiting for an operator has
 * abandoned the dialog, which {@value #ABANDONED} counts by channel.
 */
@Component
class ClientSide implements ClientDialogs {

  private static final Logger log = LoggerFactory.getLogger(ClientSide.class);

  static final String ABANDONED = "operator_connect.dialogs.abandoned";

  private final DialogService service;
  private final DialogRepository dialogs;
  private final DialogLifecycle lifecycle;
  private final DialogProcess process;
  private final OperatorRepository operators;
  private final MeterRegistry registry;
  private final DialogNotes notes;

  ClientSide(DialogService service, DialogRepository dialogs, DialogLifecycle lifecycle, DialogProcess process,
      OperatorRepository operators, MeterRegistry registry, DialogNotes notes) {
    this.service = service;
    this.dialogs = dialogs;
    this.lifecycle = lifecycle;
    this.process = process;
    this.operators = operators;
    this.registry = registry;
    this.notes = notes;
  }

  @Override
  public String start(String channel, String clientId, String scenario) {
    return service.start(channel, clientId, scenario, Map.of()).id();
  }

  @Override
  @Transactional(readOnly = true)
  public ClientView view(String dialogId) {
    DialogView dialog = service.view(dialogId);
    ClientView.Operator operator = dialog.state() == DialogState.TAKEN_OVER && dialog.operatorId() != null
        ? new ClientView.Operator(dialog.operatorId(), operatorNames(List.of(dialog.operatorId()))
            .get(dialog.operatorId()))
        : null;
    boolean queued = dialog.state() == DialogState.QUEUED;
    return new ClientView(dialog.id(), dialog.state().name(), operator, queued ? dialog.queuePosition() : null,
        queued ? dialog.estimatedWaitSeconds() : null);
  }

  @Override
  public TranscriptMessage say(String dialogId, String text) {
    return service.post(dialogId, Sender.CLIENT, null, text);
  }

  @Override
  @Transactional
  public ClientView leave(String dialogId) {
    Dialog dialog = dialogs.lock(dialogId).orElseThrow(() -> DialogService.unknown(dialogId));
    if (dialog.state() != DialogState.CLOSED) {
      try (var ignored = DialogMdc.put(dialogId)) {
        boolean abandoned = dialog.state().waiting();
        // Closed before the scenario ends: the engine's listeners then find nothing left to do (a cancelled
        // operator task would otherwise give the dialog back to the bot first).
        lifecycle.close(dialog);
        notes.closeReason(dialogId, abandoned ? "ABANDONED" : "CLIENT_LEFT");
        process.endScenario(dialog.processInstanceId(), "the client left the chat");
        if (abandoned) {
          Counter.builder(ABANDONED).description("Dialogs whose client left while waiting for an operator")
              .tag("channel", dialog.channel()).register(registry).increment();
        }
        log.info("dialog {}: the client left ({})", dialogId, abandoned ? "abandoned while " + dialog.state()
            : "from " + dialog.state());
      }
    }
    return view(dialogId);
  }

  @Override
  @Transactional(readOnly = true)
  public Map<String, Mark> marks(Collection<String> dialogIds) {
    Map<String, Mark> marks = new HashMap<>();
    for (Dialog dialog : dialogs.findAll(dialogIds)) {
      marks.put(dialog.id(), new Mark(dialog.state().name(),
          dialog.state() == DialogState.TAKEN_OVER ? dialog.operatorId() : null));
    }
    return marks;
  }

  @Override
  @Transactional(readOnly = true)
  public Map<String, String> operatorNames(Collection<String> operatorIds) {
    Map<String, String> names = new HashMap<>();
    for (String id : operatorIds) {
      operators.findById(id).ifPresent(operator -> names.put(id, operator.name()));
    }
    return names;
  }
}
