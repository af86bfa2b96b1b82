package io.operatorconnect.routing;

import java.util.Optional;

/**
 * The one rule that says whether an operator may take a dialog. The router applies it to choose,
 * and the database reservation applies it again to the freshly locked operator row, so both
 * places always agree.
 */
public final class Eligibility {

  private Eligibility() {
  }

  /** Empty when the candidate may take the dialog now, otherwise the first reason it may not. */
  public static Optional<SkipReason> check(Candidate candidate, RoutingRequest request) {
    if (request.assignedOperator() != null && !request.assignedOperator().equals(candidate.id())) {
      return Optional.of(SkipReason.NOT_REQUESTED);
    }
    if (request.subject() != null && !candidate.belongsTo(request.subject())) {
      return Optional.of(SkipReason.OTHER_SUBJECT);
    }
    if (!candidate.status().canReceive(request.onlyOnline())) {
      return Optional.of(candidate.status() == OperatorStatus.AWAY ? SkipReason.AWAY : SkipReason.OFFLINE);
    }
    if (candidate.activeDialogs() >= candidate.maxDialogs()) {
      return Optional.of(SkipReason.GENERAL_LIMIT);
    }
    Integer channelLimit = candidate.channelLimits().get(request.channel());
    if (channelLimit != null && candidate.activeOn(request.channel()) >= channelLimit) {
      return Optional.of(SkipReason.CHANNEL_LIMIT);
    }
    return Optional.empty();
  }
}
