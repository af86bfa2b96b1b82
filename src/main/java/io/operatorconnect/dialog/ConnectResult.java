package io.operatorconnect.dialog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * How the last connect attempt of a dialog ended: the {@code connect_result} variable, the dialog's
 * {@code connectResult} in the API and its column, all in the lower-case words of the BPMN contract. The
 * last three are also the error codes of the connect action's BPMN errors.
 */
public enum ConnectResult {

  /** An operator has the dialog. */
  SUCCESS,
  /** The dialog waits in the queue for {@code operator_connected}. */
  QUEUED,
  /** The dialog waits for an operator to take it by hand. */
  REQUESTED,
  /** No operator may take the dialog now. */
  LIMIT,
  /** The client is banned. */
  BANNED,
  /** The action cannot work as configured. */
  ERROR;

  /** The result of a connect that leaves the dialog waiting in {@code state} (QUEUED or REQUESTED). */
  public static ConnectResult waiting(DialogState state) {
    return state == DialogState.QUEUED ? QUEUED : REQUESTED;
  }

  /** The word of the contract: {@code success}, {@code queued}, ... */
  @JsonValue
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The result the word names; null for null. */
  public static ConnectResult of(String value) {
    if (value == null) {
      return null;
    }
    return Arrays.stream(values()).filter(result -> result.value().equals(value)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("'" + value + "' is not a connect result; one of "
            + Arrays.stream(values()).map(ConnectResult::value).toList()));
  }

  @Override
  public String toString() {
    return value();
  }
}
