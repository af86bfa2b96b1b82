package io.operatorconnect.stats;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.operatorconnect.system.BadRequestException;
import io.operatorconnect.system.TimeParameters;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

  /**
   * {@code GET /api/stats.csv}: the same figures as a spreadsheet opens them, one row for the total, each subject
   * and each operator, with a header; a download ({@code Content-Disposition: attachment}).
   */
  @GetMapping("/api/stats.csv")
  @Transactional(readOnly = true)
  ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) @Size(max = 100) String subject,
      @RequestParam(required = false) @Size(max = 64) String operatorId) {
    Stats stats = stats(from, to, subject, operatorId);
    StringBuilder csv = new StringBuilder("scope,name,dialogs,handled,abandoned,time_to_assignment_p50_s,"
        + "time_to_assignment_p90_s,first_response_p50_s,first_response_p90_s,handling_p50_s,handling_p90_s,"
        + "answered_within_" + stats.answerTargetSeconds() + "s\r\n");
    row(csv, "total", "", stats.total());
    stats.bySubject().forEach(figures -> row(csv, "subject", figures.subject(), figures.figures()));
    stats.byOperator().forEach(figures -> row(csv, "operator", figures.operatorId(), figures.figures()));
    String name = "operator-connect-stats-" + stats.from().toString().substring(0, 10) + "-to-"
        + stats.to().toString().substring(0, 10) + ".csv";
    return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(csv.toString());
  }

  private static void row(StringBuilder csv, String scope, String name, Figures figures) {
    List<Object> cells = List.of(scope, quoted(name), figures.dialogs(), figures.handled(), figures.abandoned(),
        cell(figures.timeToAssignmentSeconds().p50()), cell(figures.timeToAssignmentSeconds().p90()),
        cell(figures.firstResponseSeconds().p50()), cell(figures.firstResponseSeconds().p90()),
        cell(figures.handlingSeconds().p50()), cell(figures.handlingSeconds().p90()),
        cell(figures.answeredWithinTarget()));
    csv.append(String.join(",", cells.stream().map(String::valueOf).toList())).append("\r\n");
  }

  private static String cell(Double value) {
    return value == null ? "" : value.toString();
  }

  /** A name as one CSV cell, whatever it holds; one that a spreadsheet would take for a formula is defused. */
  private static String quoted(String name) {
    String safe = !name.isEmpty() && "=+-@".indexOf(name.charAt(0)) >= 0 ? "'" + name : name;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
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
