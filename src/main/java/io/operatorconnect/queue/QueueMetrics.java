package io.operatorconnect.queue;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.operatorconnect.dialog.DialogAssigned;
import io.operatorconnect.operator.OperatorRepository;
import io.operatorconnect.queue.QueueRepository.QueuedSubject;
import io.operatorconnect.system.CachedSnapshot;
import io.operatorconnect.system.MetricsProperties;
import io.operatorconnect.system.WaitBuckets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Queue metrics, by {@code subject} (the operator group a dialog waits for; {@value #NO_SUBJECT} for
 * dialogs without one). Subjects are operator groups, a bounded set, so the tag stays cheap.
 * <ul>
 *   <li>{@value #LENGTH}: dialogs waiting in the queue now;</li>
 *   <li>{@value #OLDEST_WAIT}: how long the dialog that has waited longest has waited, 0 when none waits;</li>
 *   <li>{@value #WAIT}: how long each dialog served from the queue by the dispatcher had waited.</li>
 * </ul>
 * The two gauges read the shared database, so every node of a cluster reports the same, cluster-wide
 * figures; they come from one snapshot that a scrape reads again only when it is older than
 * {@code operator-connect.metrics.snapshot-max-age}. The timer counts what this node served.
 */
@Component
class QueueMetrics {

  static final String LENGTH = "operatorconnect.queue.dialogs";
  static final String OLDEST_WAIT = "operatorconnect.queue.oldest.wait";
  static final String WAIT = "operatorconnect.queue.wait";
  static final String NO_SUBJECT = "none";

  private final MeterRegistry registry;
  private final QueueRepository queue;
  private final OperatorRepository operators;
  private final Clock clock;
  private final CachedSnapshot<Map<String, QueuedSubject>> snapshot;
  /**
   * Subjects whose gauges exist. A group that loses its last operator keeps its gauges (at 0) until the
   * node restarts: removing meters while Prometheus scrapes them is not worth it for a handful of series.
   */
  private final Set<String> subjects = ConcurrentHashMap.newKeySet();

  QueueMetrics(MeterRegistry registry, QueueRepository queue, OperatorRepository operators,
      MetricsProperties properties, Clock clock) {
    this.registry = registry;
    this.queue = queue;
    this.operators = operators;
    this.clock = clock;
    this.snapshot = new CachedSnapshot<>("queue", this::read, properties.snapshotMaxAge());
    register(NO_SUBJECT);
  }

  /** The subjects there are at start-up have their gauges from the first scrape on. */
  @EventListener(ApplicationReadyEvent.class)
  void registerKnownSubjects() {
    current();
  }

  @TransactionalEventListener(fallbackExecution = true)
  void onAssigned(DialogAssigned assigned) {
    if (assigned.via() != DialogAssigned.Via.QUEUE || assigned.waitingSince() == null) {
      return;
    }
    Timer.builder(WAIT)
        .description("How long dialogs served from the queue had waited in it")
        .tag("subject", subjectTag(assigned.subject()))
        .serviceLevelObjectives(WaitBuckets.waits())
        .register(registry)
        .record(assigned.waited());
  }

  /** The queue by subject, with a row (possibly empty) for every known subject. */
  private Map<String, QueuedSubject> read() {
    Map<String, QueuedSubject> bySubject = new HashMap<>();
    for (String group : operators.groups()) {
      bySubject.put(group, new QueuedSubject(group, 0, null));
    }
    for (QueuedSubject queued : queue.queuedBySubject()) {
      bySubject.put(subjectTag(queued.subject()), queued);
    }
    return bySubject;
  }

  private void register(String subject) {
    if (!subjects.add(subject)) {
      return;
    }
    Gauge.builder(LENGTH, this, metrics -> metrics.length(subject))
        .description("Dialogs waiting in the queue (cluster-wide: read from the shared database)")
        .tag("subject", subject)
        .register(registry);
    TimeGauge.builder(OLDEST_WAIT, this, TimeUnit.SECONDS, metrics -> metrics.oldestWaitSeconds(subject))
        .description("How long the longest-waiting queued dialog has waited; 0 when none waits (cluster-wide)")
        .tag("subject", subject)
        .register(registry);
  }

  private double length(String subject) {
    return current().map(queue -> (double) row(queue, subject).dialogs()).orElse(Double.NaN);
  }

  private double oldestWaitSeconds(String subject) {
    return current().map(queue -> {
      Instant oldest = row(queue, subject).oldestQueuedAt();
      return oldest == null ? 0.0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }).orElse(Double.NaN);
  }

  /**
   * The snapshot; a subject seen for the first time gets its gauges, outside the snapshot's lock (they
   * show from the next scrape on).
   */
  private Optional<Map<String, QueuedSubject>> current() {
    Optional<Map<String, QueuedSubject>> queue = snapshot.get();
    queue.ifPresent(bySubject -> bySubject.keySet().forEach(this::register));
    return queue;
  }

  private static QueuedSubject row(Map<String, QueuedSubject> queue, String subject) {
    QueuedSubject row = queue.get(subject);
    return row != null ? row : new QueuedSubject(subject, 0, null);
  }

  private static String subjectTag(String subject) {
    return subject == null ? NO_SUBJECT : subject;
  }
}
