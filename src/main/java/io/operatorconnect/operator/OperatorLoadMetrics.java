package io.operatorconnect.operator;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.operatorconnect.operator.OperatorRepository.StatusLoad;
import io.operatorconnect.routing.OperatorStatus;
import io.operatorconnect.system.CachedSnapshot;
import io.operatorconnect.system.MetricsProperties;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * Operator load, by {@code status} ({@code ONLINE}, {@code AWAY}, {@code OFFLINE}):
 * <ul>
 *   <li>{@value #OPERATORS}: how many operators have the status;</li>
 *   <li>{@value #DIALOGS}: the dialogs they hold now (dialogs of OFFLINE operators wait for redistribution);</li>
 *   <li>{@value #CAPACITY}: the dialogs they may hold at once (the sum of their {@code maxDialogs});</li>
 *   <li>{@value #UTILIZATION}: the dialogs of ONLINE operators over their capacity, 0 when nobody is ONLINE.</li>
 * </ul>
 * Deliberately no tag per operator: with 10,000 operators that would be 10,000 series per gauge in
 * Prometheus, for figures that {@code GET /api/operators} already shows operator by operator.
 * The figures are read from the shared database, so every node of a cluster reports the same,
 * cluster-wide values; one aggregate query serves every gauge for
 * {@code operator-connect.metrics.snapshot-max-age}.
 */
@Component
class OperatorLoadMetrics {

  static final String OPERATORS = "operatorconnect.operators";
  static final String DIALOGS = "operatorconnect.operators.dialogs";
  static final String CAPACITY = "operatorconnect.operators.capacity";
  static final String UTILIZATION = "operatorconnect.operators.utilization";

  private final CachedSnapshot<Map<OperatorStatus, StatusLoad>> snapshot;

  OperatorLoadMetrics(MeterRegistry registry, OperatorRepository operators, MetricsProperties properties) {
    this.snapshot = new CachedSnapshot<>("operator load", operators::loadByStatus, properties.snapshotMaxAge());
    for (OperatorStatus status : OperatorStatus.values()) {
      register(registry, OPERATORS, "Operators by status (cluster-wide: read from the shared database)", status,
          StatusLoad::operators);
      register(registry, DIALOGS, "Dialogs held by the operators of the status (cluster-wide)", status,
          StatusLoad::activeDialogs);
      register(registry, CAPACITY, "Dialogs the operators of the status may hold at once, the sum of their"
          + " maxDialogs (cluster-wide)", status, StatusLoad::maxDialogs);
    }
    Gauge.builder(UTILIZATION, this, OperatorLoadMetrics::utilization)
        .description("Dialogs held by ONLINE operators over their capacity; 0 when nobody is ONLINE (cluster-wide)")
        .baseUnit("ratio")
        .register(registry);
  }

  private void register(MeterRegistry registry, String name, String description, OperatorStatus status,
      ToDoubleFunction<StatusLoad> figure) {
    Gauge.builder(name, this, metrics -> metrics.snapshot.get()
            .map(load -> figure.applyAsDouble(load.getOrDefault(status, StatusLoad.NONE)))
            .orElse(Double.NaN))
        .description(description)
        .tag("status", status.name())
        .register(registry);
  }

  private double utilization() {
    return snapshot.get().map(load -> {
      StatusLoad online = load.getOrDefault(OperatorStatus.ONLINE, StatusLoad.NONE);
      return online.maxDialogs() == 0 ? 0.0 : (double) online.activeDialogs() / online.maxDialogs();
    }).orElse(Double.NaN);
  }
}
