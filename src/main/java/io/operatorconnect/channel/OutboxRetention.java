package io.operatorconnect.channel;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what was delivered longer than {@code keep-delivered} ago, a thousand rows per transaction, so that the
 * outbox holds what is pending, failed and recent, not every message ever sent. Every node does it; a row two
 * delete at once is deleted once.
 */
@Component
class OutboxRetention {

  private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);
  private static final int PER_TRANSACTION = 1000;

  private final Outbox outbox;
  private final ChannelProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;

  OutboxRetention(Outbox outbox, ChannelProperties properties, PlatformTransactionManager transactions, Clock clock) {
    this.outbox = outbox;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  @Scheduled(initialDelayString = "${operator-connect.channels.purge-interval:10m}",
      fixedDelayString = "${operator-connect.channels.purge-interval:10m}")
  void deleteOldDeliveries() {
    Instant before = clock.instant().minus(properties.keepDelivered());
    int deleted;
    int total = 0;
    do {
      deleted = transaction.execute(status -> outbox.deleteDelivered(before, PER_TRANSACTION));
      total += deleted;
    } while (deleted == PER_TRANSACTION);
    if (total > 0) {
      log.info("outbox: {} deliveries delivered before {} deleted", total, before);
    }
  }
}
