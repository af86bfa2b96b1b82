package io.operatorconnect.process;

import io.operatorconnect.dialog.DialogService;
import io.operatorconnect.system.DialogMdc;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** {@code ${sendClientMessage}}: the bot says the {@code text} input to the dialog's client. */
@Component("sendClientMessage")
class SendClientMessage implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(SendClientMessage.class);

  static final String TEXT = "text";

  private final DialogService dialogs;

  SendClientMessage(DialogService dialogs) {
    this.dialogs = dialogs;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String dialogId = DialogIds.of(execution);
    try (var ignored = DialogMdc.put(dialogId)) {
      Object text = execution.getVariableLocal(TEXT);
      if (!(text instanceof String message) || message.isBlank()) {
        log.warn("dialog {}: task {} has no 'text' input; nothing sent", dialogId, execution.getCurrentActivityId());
        return;
      }
      dialogs.botSays(dialogId, message);
    }
  }
}
