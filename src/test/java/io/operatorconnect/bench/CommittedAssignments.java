package io.operatorconnect.bench;

import io.operatorconnect.dialog.DialogAssigned;
import java.util.function.Consumer;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells the load driver about every assignment once it has committed: that is when an operator can see
 * the dialog and start handling it. A bean of the benchmark's application only ({@link BenchApplication}
 * is given the class), so no stereotype annotation: component scanning must not find it in the tests.
 */
public class CommittedAssignments {

  private volatile Consumer<DialogAssigned> listener = assigned -> {
  };

  /** From now on every committed assignment goes to {@code listener}, on the committing thread. */
  public void listen(Consumer<DialogAssigned> listener) {
    this.listener = listener;
  }

  @TransactionalEventListener
  void committed(DialogAssigned assigned) {
    listener.accept(assigned);
  }
}
