package io.operatorconnect.testsupport;

import static org.awaitility.Awaitility.await;

import io.operatorconnect.dialog.DialogService;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.dialog.DialogView;
import io.operatorconnect.operator.Operator;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.routing.OperatorStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.test.context.TestComponent;

/** Drives the application through its services the way the HTTP API does, for tests that are not about HTTP. */
@TestComponent
public class TestDriver {

  private final OperatorService operators;
  private final DialogService dialogs;

  TestDriver(OperatorService operators, DialogService dialogs) {
    this.operators = operators;
    this.dialogs = dialogs;
  }

  public Operator onlineOperator(String id, int maxDialogs, String... groups) {
    return operators.create(id, id.substring(0, 1).toUpperCase() + id.substring(1), Set.of(groups), maxDialogs,
        Map.of(), OperatorStatus.ONLINE);
  }

  /** Starts the example scenario ({@code support_chat}) for a new client on the given channel. */
  public DialogView supportChat(String clientId) {
    return dialogs.start("telegram", clientId, "support_chat", Map.of());
  }

  /** Starts the set-chat-operator-state example ({@code takeover_chat}) for a new client on Telegram. */
  public DialogView takeoverChat(String clientId) {
    return dialogs.start("telegram", clientId, "takeover_chat", Map.of());
  }

  public DialogView dialog(String id) {
    return dialogs.view(id);
  }

  /** Waits (at most 10 s) until the dialog is in the state: the queue is served asynchronously, after commit. */
  public DialogView awaitState(String dialogId, DialogState state) {
    return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
        .until(() -> dialogs.view(dialogId), view -> view.state() == state);
  }
}
