package io.operatorconnect.operator;

import io.operatorconnect.routing.Candidate;
import io.operatorconnect.routing.OperatorStatus;
import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;

/** An operator as the API shows it: who they are, their limits and their current load. */
public record Operator(
    String id,
    String name,
    SortedSet<String> groups,
    int maxDialogs,
    Map<String, Integer> channelLimits,
    OperatorStatus status,
    int activeDialogs,
    Map<String, Integer> activeByChannel,
    Instant lastAssignedAt,
    Instant lastClosedAt,
    Instant statusChangedAt,
    Instant lastSeenAt) {

  public Candidate toCandidate() {
    return new Candidate(id, name, status, groups, maxDialogs, channelLimits, activeDialogs, activeByChannel,
        lastAssignedAt, lastClosedAt);
  }
}
