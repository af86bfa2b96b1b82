package io.operatorconnect.channel;

import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries of one chain that its webhook took and that are not recorded yet: a sender records them
 * together when the chain ends, or before it records a failure, in one statement per answer's status (nearly
 * always one), and only then counts their latency. A node killed before it recorded them sends them again, with
 * the same ids.
 */
final class TakenDeliveries {

  private static final Logger log = LoggerFactory.getLogger(TakenDeliveries.class);

  /** A delivery the webhook took, with its answer's status and time. */
  private record Taken(Outbox.Claimed claimed, int status, Instant answeredAt) {
  }

  private final Outbox outbox;
  private final Clock clock;
  private final Timer latency;
  private final List<Taken> taken = new ArrayList<>();

  TakenDeliveries(Outbox outbox, Clock clock, Timer latency) {
    this.outbox = outbox;
    this.clock = clock;
    this.latency = latency;
  }

  void add(Outbox.Claimed claimed, int status, Instant answeredAt) {
    taken.add(new Taken(claimed, status, answeredAt));
  }

  /** Records what was taken so far, if its claims are still ours; never throws (the claims expire). */
  void record() {
    if (taken.isEmpty()) {
      return;
    }
    try {
      Instant now = clock.instant();
      Map<Integer, List<Outbox.Claimed>> byStatus = taken.stream().collect(Collectors.groupingBy(Taken::status,
          Collectors.mapping(Taken::claimed, Collectors.toList())));
      int recorded = 0;
      for (Map.Entry<Integer, List<Outbox.Claimed>> status : byStatus.entrySet()) {
        recorded += outbox.delivered(status.getValue(), status.getKey(), now);
      }
      if (recorded < taken.size()) {
        log.warn("outbox: the claim on {} deliveries ran out during their tries; they are sent again, with the same"
            + " ids", taken.size() - recorded);
        return;
      }
      taken.forEach(one -> latency.record(Duration.between(one.claimed().item().at(), one.answeredAt())));
    } catch (RuntimeException e) {
      log.error("outbox: {} deliveries taken by their webhook could not be recorded; their claims expire and they"
          + " are sent again", taken.size(), e);
    } finally {
      taken.clear();
    }
  }
}
