package io.operatorconnect.stats;

import java.time.Duration;
import java.time.Instant;

/**
 * One dialog as the figures see it: what it asked for, who had it last, and its times. {@code waitingSince} is
 * when it started waiting for an operator, null when it was connected at once; {@code firstResponseAt} the
 * operator's first message after the assignment, null when they wrote none.
 */
record DialogTimes(String subject, String operatorId, boolean abandoned, boolean closed, Instant waitingSince,
    Instant assignedAt, Instant closedAt, Instant firstResponseAt) {

  boolean reachedAnOperator() {
    return assignedAt != null;
  }

  boolean handled() {
    return reachedAnOperator() && closed;
  }

  /** From the moment it started waiting to its assignment: zero when connected at once. */
  Duration timeToAssignment() {
    return Duration.between(waitingSince == null ? assignedAt : waitingSince, assignedAt);
  }

  /** From the assignment to the operator's first message; null without one. */
  Duration firstResponse() {
    return firstResponseAt == null ? null : Duration.between(assignedAt, firstResponseAt);
  }

  /** From the assignment to the close. */
  Duration handling() {
    return Duration.between(assignedAt, closedAt);
  }

  /** Whether an operator answered within the target of the moment the client started waiting for one. */
  boolean answeredWithin(Duration target) {
    return firstResponseAt != null
        && Duration.between(waitingSince == null ? assignedAt : waitingSince, firstResponseAt).compareTo(target) <= 0;
  }
}
