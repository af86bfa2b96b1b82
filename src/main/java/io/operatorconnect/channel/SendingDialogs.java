package io.operatorconnect.channel;

import java.util.HashSet;
import java.util.Set;

/**
 * This node's senders and the dialogs they are sending, one chain (a dialog's deliveries in order) per sender:
 * whether a sender is free, whether a dialog's new deliveries wait behind its chain, and whether the end of a
 * chain calls for a look (the dialog got deliveries meanwhile, or the last look left some for lack of senders).
 */
final class SendingDialogs {

  /** What became of a dialog's new deliveries: a sender took them, they wait behind the dialog's chain, or for a sender. */
  enum Take { TAKEN, BEHIND_CHAIN, NO_SENDER }

  private final int senders;
  private final Set<String> sending = new HashSet<>();
  private final Set<String> behindChain = new HashSet<>();
  private boolean moreDue;

  SendingDialogs(int senders) {
    this.senders = senders;
  }

  synchronized int free() {
    return senders - sending.size();
  }

  /** A sender for the dialog's new deliveries, unless its chain is being sent or every sender is busy. */
  synchronized Take take(String dialogId) {
    if (sending.contains(dialogId)) {
      behindChain.add(dialogId);
      return Take.BEHIND_CHAIN;
    }
    if (sending.size() >= senders) {
      moreDue = true;
      return Take.NO_SENDER;
    }
    sending.add(dialogId);
    return Take.TAKEN;
  }

  /** A sender for a chain a look claimed (the look claims no more chains than there were free senders). */
  synchronized void takeClaimed(String dialogId) {
    sending.add(dialogId);
  }

  /** What a look came to: when it claimed a chain for every free sender, more may be due. */
  synchronized void looked(int claimed, int free) {
    moreDue = claimed == free;
  }

  /** The dialog's sender is free again; true when a look is due now. */
  synchronized boolean release(String dialogId) {
    sending.remove(dialogId);
    return behindChain.remove(dialogId) || moreDue;
  }
}
