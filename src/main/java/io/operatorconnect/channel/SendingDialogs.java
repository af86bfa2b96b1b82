package io.operatorconnect.channel;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * This node's senders and the dialogs whose chains (a dialog's deliveries in order) they have: whether a sender is
 * free, whether a dialog's new deliveries wait behind its chain, and whether a sender's or a chain's end calls for
 * a look (the dialog got deliveries meanwhile, or the last look left some for lack of senders). A sender is free
 * again once it has sent its chain; the chain's dialog stays taken until what the webhook took of it is recorded
 * ({@link TakenDeliveries}), since its next deliveries must not go before that.
 */
final class SendingDialogs {

  /** What became of a dialog's new deliveries: a sender took them, they wait behind the dialog's chain, or for a sender. */
  enum Take { TAKEN, BEHIND_CHAIN, NO_SENDER }

  private final int senders;
  private int busySenders;
  /** The dialogs with a chain being sent or recorded, each with how many (one, but for a moment two). */
  private final Map<String, Integer> taken = new HashMap<>();
  private final Set<String> behindChain = new HashSet<>();
  private boolean moreDue;

  SendingDialogs(int senders) {
    this.senders = senders;
  }

  synchronized int free() {
    return senders - busySenders;
  }

  /** A sender for the dialog's new deliveries, unless its chain is being sent or recorded, or every sender is busy. */
  synchronized Take take(String dialogId) {
    if (taken.containsKey(dialogId)) {
      behindChain.add(dialogId);
      return Take.BEHIND_CHAIN;
    }
    if (busySenders >= senders) {
      moreDue = true;
      return Take.NO_SENDER;
    }
    takeClaimed(dialogId);
    return Take.TAKEN;
  }

  /**
   * A sender for a chain a look claimed (the look claims no more chains than there were free senders). The
   * dialog's previous chain may still be between its record and {@link #recorded}: hence the count.
   */
  synchronized void takeClaimed(String dialogId) {
    busySenders++;
    taken.merge(dialogId, 1, Integer::sum);
  }

  /** What a look came to: when it claimed a chain for every free sender, more may be due. */
  synchronized void looked(int claimed, int free) {
    moreDue = claimed == free;
  }

  /** A sender has sent its chain and is free again; true when a look is due now (the last one left some). */
  synchronized boolean sent() {
    busySenders--;
    return moreDue;
  }

  /** The dialog's chain is recorded: its next deliveries may go; true when some wait for a look. */
  synchronized boolean recorded(String dialogId) {
    if (taken.merge(dialogId, -1, Integer::sum) > 0) {
      return false;
    }
    taken.remove(dialogId);
    return behindChain.remove(dialogId);
  }

  /** A sender taken for a chain that was not sent after all (not committed, or the node stops); true when a look is due. */
  synchronized boolean release(String dialogId) {
    boolean look = sent();
    return recorded(dialogId) || look;
  }
}
