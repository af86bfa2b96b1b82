package io.operatorconnect.channel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.operatorconnect.system.CachedSnapshot;
import io.operatorconnect.system.MetricsProperties;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code operator_connect_outbox_deliveries{state="PENDING"|"FAILED"}}: the deliveries waiting to go out and
 * those given up, over every channel, from one aggregate per snapshot (the queue's and operators' gauges
 * work alike). Latency and tries are counted where they happen ({@link OutboxDispatcher}).
 */
@Component
class OutboxMetrics {

  OutboxMetrics(MeterRegistry registry, Outbox outbox, MetricsProperties properties) {
    CachedSnapshot<Map<String, Integer>> snapshot = new CachedSnapshot<>("outbox", outbox::countsByState,
        properties.snapshotMaxAge());
    for (String state : new String[] {"PENDING", "FAILED"}) {
      Gauge.builder("operator_connect.outbox.deliveries",
              () -> snapshot.get().map(counts -> (double) counts.getOrDefault(state, 0)).orElse(Double.NaN))
          .description("Deliveries to the channels' webhooks, by state")
          .tag("state", state)
          .register(registry);
    }
  }
}
