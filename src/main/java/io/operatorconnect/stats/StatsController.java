package io.operatorconnect.stats;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.operatorconnect.system.BadRequestException;
import io.operatorconnect.system.TimeParameters;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/stats?from=&to=&subject=&operatorId=}: how the desk did with the dialogs created in a period
 * (the last 7 days unless told), in all, per subject and per operator (the last operator of each dialog).
 */
@RestController
class StatsController {

  /** The answer: the period, the target, and the figures in all, per subject and per operator. */
  record Stats(Instant from, Instant to, long answerTargetSeconds, Figures total, List<SubjectFigures> bySubject,
      List<OperatorFigures> byOperator) {
  }

  /** A subject's figures, beside its name in the JSON. */
  record SubjectFigures(String subject, @JsonUnwrapped Figures figures) {
  }

  /** An operator's figures, beside their id in the JSON. */
  record OperatorFigures(String operatorId, @JsonUnwrapped Figures figures) {
  }

  static final Duration DEFAULT_PERIOD = Duration.ofDays(7);

  private final StatsRepository repository;
  private final StatsProperties properties;
  private final Clock clock;

  StatsController(StatsRepository repository, StatsProperties properties, Clock clock) {
    this.repository = repository;
    this.properties = properties;
    this.clock = clock;
  }

  @GetMapping("/api/stats")
  @Transactional(readOnly = true)
  Stats stats(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) @Size(max = 100) String subject,
      @RequestParam(required = false) @Size(max = 64) String operatorId) {
    Instant until = to == null || to.isBlank() ? clock.instant() : TimeParameters.parse("to", to, true);
    Instant since = from == null || from.isBlank() ? until.minus(DEFAULT_PERIOD) : TimeParameters.parse("from", from, false);
    if (!since.isBefore(until)) {
      throw new BadRequestException("from: " + since + " is not before to: " + until);
    }
    List<DialogTimes> times = repository.created(since, until, blankToNull(subject), blankToNull(operatorId));
    Duration target = properties.answerTarget();
    return new Stats(since, until, target.toSeconds(), Figures.of(times, target),
        grouped(times, DialogTimes::subject, target).entrySet().stream()
            .map(entry -> new SubjectFigures(entry.getKey(), entry.getValue())).toList(),
        grouped(times, DialogTimes::operatorId, target).entrySet().stream()
            .map(entry -> new OperatorFigures(entry.getKey(), entry.getValue())).toList());
  }

  /** The figures per key, in the key's order; dialogs without one (never routed, never assigned) are left out. */
  private static Map<String, Figures> grouped(List<DialogTimes> times, Function<DialogTimes, String> key,
      Duration target) {
    Map<String, List<DialogTimes>> groups = times.stream().filter(t -> key.apply(t) != null)
        .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    Map<String, Figures> figures = new TreeMap<>(Comparator.naturalOrder());
    groups.forEach((name, group) -> figures.put(name, Figures.of(group, target)));
    return figures;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
