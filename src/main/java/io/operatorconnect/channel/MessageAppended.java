package io.operatorconnect.channel;

/**
 * Published inside the transaction that appends a line to a dialog's transcript; the operator panel
 * tells the dialog's operator once it has committed.
 */
public record MessageAppended(String dialogId, long messageId, Sender from) {
}
