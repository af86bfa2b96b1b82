package io.operatorconnect.dialog;

/**
 * How long a waiting dialog may still wait, for its view ({@code estimatedWaitSeconds}); the queue
 * feature answers it. A port, so that the dialog feature need not know the queue.
 */
public interface WaitEstimates {

  /** Seconds until the dialog is likely served; null when it does not wait or nobody can say. */
  Long estimatedWaitSeconds(Dialog dialog);
}
