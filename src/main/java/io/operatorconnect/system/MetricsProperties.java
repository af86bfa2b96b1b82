package io.operatorconnect.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code operator-connect.metrics.*}
 *
 * @param snapshotMaxAge how old the figures behind the gauges (queue, operator load) may be before a
 *                       scrape reads them from the database again; {@code 0s} reads on every scrape
 */
@ConfigurationProperties("operator-connect.metrics")
public record MetricsProperties(@DefaultValue("5s") Duration snapshotMaxAge) {

  public MetricsProperties {
    if (snapshotMaxAge.isNegative()) {
      throw new IllegalArgumentException("operator-connect.metrics.snapshot-max-age must not be negative, not "
          + snapshotMaxAge);
    }
  }
}
