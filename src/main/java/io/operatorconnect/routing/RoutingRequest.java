package io.operatorconnect.routing;

import java.util.Objects;

/**
 * One dialog asking for an operator.
 *
 * @param subject           skill group the operator must belong to, or {@code null} for any operator
 * @param assignedOperator  the only operator allowed (the "specific" method), or {@code null}
 * @param onlyOnline        {@code false} lets AWAY operators receive the dialog as well
 * @param rotationCursor    the operator id that {@link DistributionMethod#ROUND_ROBIN} served last, or {@code null}
 */
public record RoutingRequest(
    String channel,
    String subject,
    String assignedOperator,
    DistributionMethod method,
    boolean onlyOnline,
    String rotationCursor) {

  public RoutingRequest {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(method, "method");
  }

  public RoutingRequest withRotationCursor(String cursor) {
    return new RoutingRequest(channel, subject, assignedOperator, method, onlyOnline, cursor);
  }
}
