package io.operatorconnect.process;

import io.operatorconnect.dialog.ConnectResult;

/**
 * The names the BPMN contract fixes (DESIGN.md, "BPMN contract"): error codes, messages, variables
 * and inputs. Diagrams and element templates use exactly these strings.
 */
public final class BpmnNames {

  /** The connect action's BPMN error codes: the words of its {@link ConnectResult}. */
  public static final String ERROR_LIMIT = ConnectResult.LIMIT.value();
  public static final String ERROR_BANNED = ConnectResult.BANNED.value();
  public static final String ERROR_ERROR = ConnectResult.ERROR.value();

  /** Correlated by business key = dialog id when a waiting dialog gets its operator. */
  public static final String MESSAGE_OPERATOR_CONNECTED = "operator_connected";
  /** Correlated with {@code client_text} when a client writes while the bot has the dialog. */
  public static final String MESSAGE_CLIENT_MESSAGE = "client_message";
  /** Correlated by {@code POST /api/dialogs/{id}/return-to-bot}: a message boundary event on the operator's task. */
  public static final String MESSAGE_RETURN_TO_BOT = "return_to_bot";

  public static final String DIALOG_ID = "dialog_id";
  public static final String CHANNEL = "channel";
  public static final String CLIENT_ID = "client_id";
  public static final String CONNECT_RESULT = "connect_result";
  public static final String OPERATOR_ID = "operator_id";
  public static final String OPERATOR_NAME = "operator_name";
  public static final String CHAT_STATE = "chat_state";
  public static final String QUEUE_POSITION = "queue_position";
  public static final String CONNECT_ERROR = "connect_error";
  public static final String CLIENT_TEXT = "client_text";

  /** The delegate of the "connect to operator with message" action. */
  public static final String DELEGATE_CONNECT_TO_OPERATOR = "${connectToOperatorWithMsg}";
  /** The delegate of the "set chat operator state" action. */
  public static final String DELEGATE_SET_CHAT_OPERATOR_STATE = "${setChatOperatorState}";

  /** The assignee that marks a user task as the operator's work on the dialog. */
  public static final String OPERATOR_TASK_ASSIGNEE = "${operator_id}";

  private BpmnNames() {
  }
}
