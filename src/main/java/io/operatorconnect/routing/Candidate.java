package io.operatorconnect.routing;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What routing needs to know of one operator at one moment.
 *
 * @param channelLimits  per-channel dialog limits; a channel without an entry is limited only by {@code maxDialogs}
 * @param activeByChannel current dialogs per channel
 */
public record Candidate(
    String id,
    String name,
    OperatorStatus status,
    Set<String> groups,
    int maxDialogs,
    Map<String, Integer> channelLimits,
    int activeDialogs,
    Map<String, Integer> activeByChannel,
    Instant lastAssignedAt,
    Instant lastClosedAt) {

  public Candidate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    groups = Set.copyOf(groups);
    channelLimits = Map.copyOf(channelLimits);
    activeByChannel = Map.copyOf(activeByChannel);
  }

  public int activeOn(String channel) {
    return activeByChannel.getOrDefault(channel, 0);
  }

  public boolean belongsTo(String group) {
    return groups.contains(group);
  }
}
