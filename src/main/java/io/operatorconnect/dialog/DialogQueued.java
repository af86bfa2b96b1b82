package io.operatorconnect.dialog;

/** Published inside the transaction that puts a dialog in the waiting queue (new, or returned to it). */
public record DialogQueued(String dialogId, String cause) {
}
