package io.operatorconnect.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code operator-connect.channels.*}: how the outbox delivers to the channels' webhooks.
 *
 * @param pollInterval how often every node looks for deliveries that are due (besides right after a commit)
 * @param timeout how long a webhook may take to answer before the try counts as failed
 * @param firstRetry the wait before the first retry; it doubles with every further one
 * @param maxRetry the longest wait between two tries
 * @param giveUpAfter how long after it was written a delivery is tried before it is {@code FAILED}
 * @param batchSize how many due deliveries one look claims
 * @param senders how many deliveries one node sends at once (each dialog's in order)
 * @param claimMargin added to a claim beyond the tries it covers (each at most {@code timeout}), so that another
 *     node does not take over a delivery still being tried, whatever the two nodes' clocks say; a killed node's
 *     deliveries wait this long (and the tries' time) before another node sends them
 * @param keepDelivered how long a delivered delivery stays listed ({@code GET .../deliveries?state=DELIVERED})
 *     before it is deleted; pending and failed ones stay until they are delivered
 */
@ConfigurationProperties("operator-connect.channels")
public record ChannelProperties(
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("1s") Duration firstRetry,
    @DefaultValue("5m") Duration maxRetry,
    @DefaultValue("24h") Duration giveUpAfter,
    @DefaultValue("50") int batchSize,
    @DefaultValue("4") int senders,
    @DefaultValue("30s") Duration claimMargin,
    @DefaultValue("7d") Duration keepDelivered) {

  public ChannelProperties {
    if (batchSize < 1 || senders < 1) {
      throw new IllegalArgumentException("operator-connect.channels.batch-size and .senders must be at least 1");
    }
    if (keepDelivered.isNegative() || keepDelivered.isZero()) {
      throw new IllegalArgumentException("operator-connect.channels.keep-delivered must be positive, was "
          + keepDelivered);
    }
    if (claimMargin.isNegative()) {
      throw new IllegalArgumentException("operator-connect.channels.claim-margin must not be negative, was "
          + claimMargin);
    }
  }

  /** The wait before try number {@code attempts + 1}, after {@code attempts} failed ones. */
  Duration backOff(int attempts) {
    Duration wait = firstRetry.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 30));
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }
}
