package io.operatorconnect.channel;

/**
 * Published inside a transaction after which deliveries may be due that no node has claimed: a channel got a
 * webhook, a failed one is to be sent again, one was written outside a transaction. The dispatcher looks once
 * it commits.
 */
record DeliveriesDue(String channel) {

  static DeliveriesDue onChannel(String channel) {
    return new DeliveriesDue(channel);
  }
}
