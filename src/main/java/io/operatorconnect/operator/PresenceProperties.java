package io.operatorconnect.operator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code operator-connect.operators.*}
 *
 * @param heartbeatTimeout an operator not heard from (heartbeat or status call) for this long is set
 *                         OFFLINE; {@code 0} turns this off (the default: operators working only in
 *                         Tasklist send no heartbeats)
 * @param checkInterval    how often every node looks for silent operators, and for dialogs still with
 *                         an OFFLINE operator when redistribution on going offline is on
 */
@Validated
@ConfigurationProperties("operator-connect.operators")
public record PresenceProperties(@DefaultValue("0s") Duration heartbeatTimeout,
    @DefaultValue("10s") Duration checkInterval) {

  public PresenceProperties {
    if (heartbeatTimeout.isNegative()) {
      throw new IllegalArgumentException("operator-connect.operators.heartbeat-timeout must not be negative, not "
          + heartbeatTimeout);
    }
  }

  public boolean heartbeatsRequired() {
    return !heartbeatTimeout.isZero();
  }
}
