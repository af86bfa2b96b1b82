package io.operatorconnect.channel;

import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the webhooks took of this node's chains and is not recorded yet. The sender that ends a chain while no
 * other records, records its chain's and every chain's that ended meanwhile, in one statement per answer's
 * status (nearly always one); a sender that finds another recording leaves its chain to it, which looks again
 * before it stops. So the senders' outcomes take as few statements and commits as the load allows, with no
 * thread and no timer of their own. Only once a chain is recorded is its deliveries' latency counted and its
 * dialog free for its next deliveries ({@link SendingDialogs#recorded}). A node killed before it recorded them
 * sends them again, with the same ids.
 */
final class TakenDeliveries {

  private static final Logger log = LoggerFactory.getLogger(TakenDeliveries.class);
  /** The most deliveries one statement records: a bound on its list of ids, whatever the backlog. */
  private static final int MOST_AT_ONCE = 500;

  /** A delivery the webhook took, with its answer's status and time. */
  record Taken(Outbox.Claimed claimed, int status, Instant answeredAt) {
  }

  private record Chain(String dialogId, List<Taken> taken) {
  }

  private final Outbox outbox;
  private final Clock clock;
  private final Timer latency;
  private final SendingDialogs sending;
  private final Runnable lookDue;
  private final Queue<Chain> ended = new ConcurrentLinkedQueue<>();
  private final ReentrantLock recording = new ReentrantLock();

  TakenDeliveries(Outbox outbox, Clock clock, Timer latency, SendingDialogs sending, Runnable lookDue) {
    this.outbox = outbox;
    this.clock = clock;
    this.latency = latency;
    this.sending = sending;
    this.lookDue = lookDue;
  }

  /**
   * A chain's sender is done with it: what its webhook took is recorded, by this thread or by the one recording
   * already, and then the dialog is free. Never throws (what could not be recorded is sent again once its
   * claims expire).
   */
  void ended(String dialogId, List<Taken> taken) {
    if (taken.isEmpty()) {
      if (sending.recorded(dialogId)) {
        lookDue.run();
      }
      return;
    }
    ended.add(new Chain(dialogId, taken));
    // Whoever holds the lock looks at the queue again after letting go, so no chain is left behind.
    while (!ended.isEmpty() && recording.tryLock()) {
      try {
        List<Chain> chains = new ArrayList<>();
        int deliveries = 0;
        for (Chain chain; deliveries < MOST_AT_ONCE && (chain = ended.poll()) != null; ) {
          chains.add(chain);
          deliveries += chain.taken().size();
        }
        record(chains.stream().flatMap(chain -> chain.taken().stream()).toList());
        boolean look = false;
        for (Chain chain : chains) {
          look |= sending.recorded(chain.dialogId());
        }
        if (look) {
          lookDue.run();
        }
      } finally {
        recording.unlock();
      }
    }
  }

  private void record(List<Taken> taken) {
    try {
      Instant now = clock.instant();
      Map<Integer, List<Taken>> byStatus = taken.stream().collect(Collectors.groupingBy(Taken::status));
      for (Map.Entry<Integer, List<Taken>> status : byStatus.entrySet()) {
        List<Taken> answered = status.getValue();
        int recorded = outbox.delivered(answered.stream().map(Taken::claimed).toList(), status.getKey(), now);
        if (recorded < answered.size()) {
          log.warn("outbox: the claim on {} deliveries ran out during their tries; they are sent again, with the"
              + " same ids", answered.size() - recorded);
        } else {
          answered.forEach(one -> latency.record(Duration.between(one.claimed().item().at(), one.answeredAt())));
        }
      }
    } catch (RuntimeException e) {
      log.error("outbox: {} deliveries taken by their webhook could not be recorded; their claims expire and they"
          + " are sent again", taken.size(), e);
    }
  }
}
