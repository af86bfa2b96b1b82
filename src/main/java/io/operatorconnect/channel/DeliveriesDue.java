package io.operatorconnect.channel;

import java.util.List;

/**
 * Published inside a transaction after which deliveries may be due: some were written to the outbox
 * ({@code written}, as the transaction wrote them, complete once it commits), a channel got a webhook, a failed
 * one is to be sent again (nothing written: any may be due). The dispatcher sends or looks once it commits.
 */
record DeliveriesDue(String channel, List<OutboxItem> written) {

  static DeliveriesDue onChannel(String channel) {
    return new DeliveriesDue(channel, List.of());
  }
}
