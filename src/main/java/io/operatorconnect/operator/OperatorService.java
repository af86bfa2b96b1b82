package io.operatorconnect.operator;

import io.operatorconnect.routing.OperatorStatus;
import io.operatorconnect.system.ConflictException;
import io.operatorconnect.system.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates operators and changes their data and status; wakes the queue when capacity grows. */
@Service
public class OperatorService {

  private static final Logger log = LoggerFactory.getLogger(OperatorService.class);

  private final OperatorRepository operators;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  OperatorService(OperatorRepository operators, ApplicationEventPublisher events, Clock clock) {
    this.operators = operators;
    this.events = events;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public boolean exists(String id) {
    return operators.exists(id);
  }

  @Transactional
  public Operator create(String id, String name, Set<String> groups, int maxDialogs, Map<String, Integer> channelLimits,
      OperatorStatus status) {
    if (operators.exists(id)) {
      throw new ConflictException("operator '" + id + "' already exists; change it with PATCH /api/operators/" + id);
    }
    operators.insert(id, name, groups, maxDialogs, channelLimits, status, clock.instant());
    log.info("operator {} created: groups={} maxDialogs={} channelLimits={} status={}", id, groups, maxDialogs,
        channelLimits, status);
    events.publishEvent(new OperatorChanged(id));
    if (status.canReceive(false) && maxDialogs > 0) {
      events.publishEvent(new OperatorCameOnline(id, status));
    }
    return get(id);
  }

  @Transactional(readOnly = true)
  public Operator get(String id) {
    return operators.findById(id).orElseThrow(() -> unknown(id));
  }

  @Transactional(readOnly = true)
  public List<Operator> list() {
    return operators.findAll();
  }

  /** Changes what is given and leaves the rest; a raised limit or a new group can serve waiting dialogs. */
  @Transactional
  public Operator change(String id, String name, Set<String> groups, Integer maxDialogs,
      Map<String, Integer> channelLimits) {
    Operator current = operators.lockAndRead(id).orElseThrow(() -> unknown(id));
    operators.update(id, name != null ? name : current.name(), maxDialogs != null ? maxDialogs : current.maxDialogs());
    if (groups != null) {
      operators.replaceGroups(id, groups);
    }
    if (channelLimits != null) {
      operators.replaceChannelLimits(id, channelLimits);
    }
    log.info("operator {} changed: name={} groups={} maxDialogs={} channelLimits={}", id, name, groups, maxDialogs,
        channelLimits);
    events.publishEvent(new OperatorChanged(id));
    events.publishEvent(new OperatorLimitsChanged(id));
    return get(id);
  }

  /** Sets the status (a call that also counts as a heartbeat); going OFFLINE may redistribute the dialogs. */
  @Transactional
  public Operator setStatus(String id, OperatorStatus status) {
    Operator current = operators.lockAndRead(id).orElseThrow(() -> unknown(id));
    operators.seen(id, clock.instant());
    changeStatus(current, status);
    return get(id);
  }

  /** The operator's panel is still there: keeps an operator from being set OFFLINE for silence. */
  @Transactional
  public Operator heartbeat(String id) {
    if (!operators.seen(id, clock.instant())) {
      throw unknown(id);
    }
    return get(id);
  }

  /** Ids of operators who can receive dialogs but have not been heard from since {@code cutoff}. */
  @Transactional(readOnly = true)
  public List<String> silentSince(Instant cutoff) {
    return operators.silentSince(cutoff);
  }

  /** Sets the operator OFFLINE if, under the row lock, they are still silent since {@code cutoff}. */
  @Transactional
  public boolean goOfflineIfSilent(String id, Instant cutoff) {
    Operator current = operators.lockAndRead(id).orElse(null);
    if (current == null || current.status() == OperatorStatus.OFFLINE || current.lastSeenAt() == null
        || !current.lastSeenAt().isBefore(cutoff)) {
      return false;
    }
    log.info("operator {} not heard from since {}: set OFFLINE", id, current.lastSeenAt());
    changeStatus(current, OperatorStatus.OFFLINE);
    return true;
  }

  private void changeStatus(Operator current, OperatorStatus status) {
    if (current.status() == status) {
      return;
    }
    operators.updateStatus(current.id(), status, clock.instant());
    log.info("operator {} status {} -> {} with {} open dialogs", current.id(), current.status(), status,
        current.activeDialogs());
    events.publishEvent(new OperatorChanged(current.id()));
    if (status.canReceive(false)) {
      events.publishEvent(new OperatorCameOnline(current.id(), status));
    }
    if (status == OperatorStatus.OFFLINE) {
      events.publishEvent(new OperatorWentOffline(current.id()));
    }
  }

  static NotFoundException unknown(String id) {
    return new NotFoundException("operator '" + id + "' does not exist; create it with POST /api/operators");
  }
}
