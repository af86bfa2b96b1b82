package io.operatorconnect.routing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Candidates for routing tests: online, in group "support", three dialogs at most, idle, unless told otherwise. */
final class CandidateBuilder {

  private final String id;
  private OperatorStatus status = OperatorStatus.ONLINE;
  private Set<String> groups = Set.of("support");
  private int maxDialogs = 3;
  private final Map<String, Integer> channelLimits = new HashMap<>();
  private int activeDialogs;
  private final Map<String, Integer> activeByChannel = new HashMap<>();
  private Instant lastAssignedAt;
  private Instant lastClosedAt;

  private CandidateBuilder(String id) {
    this.id = id;
  }

  static CandidateBuilder operator(String id) {
    return new CandidateBuilder(id);
  }

  CandidateBuilder status(OperatorStatus status) {
    this.status = status;
    return this;
  }

  CandidateBuilder groups(String... groups) {
    this.groups = Set.of(groups);
    return this;
  }

  CandidateBuilder maxDialogs(int maxDialogs) {
    this.maxDialogs = maxDialogs;
    return this;
  }

  CandidateBuilder channelLimit(String channel, int limit) {
    channelLimits.put(channel, limit);
    return this;
  }

  /** Current dialogs on one channel; the general count grows with them. */
  CandidateBuilder active(String channel, int dialogs) {
    activeByChannel.merge(channel, dialogs, Integer::sum);
    activeDialogs += dialogs;
    return this;
  }

  CandidateBuilder active(int dialogs) {
    return active("web", dialogs);
  }

  CandidateBuilder lastAssignedAt(String instant) {
    this.lastAssignedAt = Instant.parse(instant);
    return this;
  }

  CandidateBuilder lastClosedAt(String instant) {
    this.lastClosedAt = Instant.parse(instant);
    return this;
  }

  Candidate build() {
    return new Candidate(id, id, status, groups, maxDialogs, channelLimits, activeDialogs, activeByChannel,
        lastAssignedAt, lastClosedAt);
  }
}
