package io.operatorconnect.channel;

import java.time.Instant;

/** One line of a dialog's transcript. */
public record TranscriptMessage(long id, Sender from, String operatorId, String text, Instant at) {
}
