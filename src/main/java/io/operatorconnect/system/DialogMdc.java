package io.operatorconnect.system;

import org.slf4j.MDC;

/**
 * The dialog a piece of work is about, in the logging context (MDC key {@value #KEY}): every line
 * logged inside {@code try (var ignored = DialogMdc.put(dialogId)) { ... }} carries it, in the console
 * pattern and as a field of the JSON log formats. Every routing path (the actions, the queue
 * dispatcher, the dialog API, redistribution, the engine listeners) enters through this one helper.
 */
public final class DialogMdc {

  /** The MDC key, and the field name in structured logs. */
  public static final String KEY = "dialog_id";

  private DialogMdc() {
  }

  /**
   * Puts the dialog's id into the MDC until the returned scope is closed; a null id changes nothing.
   * Unlike {@code MDC.putCloseable}, closing restores the value that was there before instead of
   * removing the key: these scopes nest (a close over HTTP completes the operator's task, whose engine
   * listener opens a scope of its own for the same dialog), and the outer lines must keep their id.
   */
  public static Scope put(String dialogId) {
    String previous = MDC.get(KEY);
    if (dialogId != null) {
      MDC.put(KEY, dialogId);
    }
    return new Scope(previous);
  }

  /** Restores the logging context when closed; never throws. */
  public static final class Scope implements AutoCloseable {

    private final String previous;

    private Scope(String previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      if (previous == null) {
        MDC.remove(KEY);
      } else {
        MDC.put(KEY, previous);
      }
    }
  }
}
