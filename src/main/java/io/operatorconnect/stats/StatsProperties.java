package io.operatorconnect.stats;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code operator-connect.stats.*}
 *
 * @param answerTarget the service level: a dialog counts as answered within the target when an operator's first
 *                     message came at most this long after the client started waiting for one
 */
@ConfigurationProperties("operator-connect.stats")
public record StatsProperties(@DefaultValue("60s") Duration answerTarget) {

  public StatsProperties {
    if (answerTarget.isNegative() || answerTarget.isZero()) {
      throw new IllegalArgumentException("operator-connect.stats.answer-target must be positive, not " + answerTarget);
    }
  }
}
