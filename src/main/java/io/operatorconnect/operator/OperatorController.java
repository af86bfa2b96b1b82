package io.operatorconnect.operator;

import io.operatorconnect.routing.OperatorStatus;
import io.operatorconnect.system.Identifiers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/operators}: operators, their limits and their status. */
@RestController
@RequestMapping("/api/operators")
class OperatorController {

  /** No operator can work more dialogs at once than this; a larger number is a typing error. */
  static final int MAX_LIMIT = 1000;

  private final OperatorService operators;

  OperatorController(OperatorService operators) {
    this.operators = operators;
  }

  record NewOperator(
      @NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String id,
      @NotBlank @Size(max = 200) String name,
      @Size(max = 100) Set<@NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String> groups,
      @NotNull @PositiveOrZero @Max(MAX_LIMIT) Integer maxDialogs,
      @Size(max = 100) Map<@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String,
          @NotNull @PositiveOrZero @Max(MAX_LIMIT) Integer> channelLimits,
      OperatorStatus status) {
  }

  record OperatorChanges(
      @Size(min = 1, max = 200) String name,
      @Size(max = 100) Set<@NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String> groups,
      @PositiveOrZero @Max(MAX_LIMIT) Integer maxDialogs,
      @Size(max = 100) Map<@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String,
          @NotNull @PositiveOrZero @Max(MAX_LIMIT) Integer> channelLimits) {
  }

  record StatusChange(@NotNull OperatorStatus status) {
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Operator create(@Valid @RequestBody NewOperator body) {
    return operators.create(body.id(), body.name().strip(), body.groups() == null ? Set.of() : body.groups(),
        body.maxDialogs(), body.channelLimits() == null ? Map.of() : body.channelLimits(),
        body.status() == null ? OperatorStatus.OFFLINE : body.status());
  }

  @GetMapping
  List<Operator> list() {
    return operators.list();
  }

  @GetMapping("/{id}")
  Operator get(@PathVariable String id) {
    return operators.get(id);
  }

  @PatchMapping("/{id}")
  Operator change(@PathVariable String id, @Valid @RequestBody OperatorChanges body) {
    return operators.change(id, body.name() == null ? null : body.name().strip(), body.groups(), body.maxDialogs(),
        body.channelLimits());
  }

  /** The operator's panel is still there (see {@code operator-connect.operators.heartbeat-timeout}). */
  @PostMapping("/{id}/heartbeat")
  Operator heartbeat(@PathVariable String id) {
    return operators.heartbeat(id);
  }

  @PutMapping("/{id}/status")
  Operator setStatus(@PathVariable String id, @Valid @RequestBody StatusChange body) {
    return operators.setStatus(id, body.status());
  }
}
