package io.operatorconnect.operator;

import io.operatorconnect.system.ValidId;
import io.operatorconnect.security.Caller;
import io.operatorconnect.security.OperatorAccounts;
import org.springframework.transaction.annotation.Transactional;

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

  /** A password guessed in a few tries is no password; Camunda locks an account after repeated wrong ones. */
  static final int PASSWORD_MIN = 10;
  static final String PASSWORD_RULE = "must be 10 to 200 characters";

  private final OperatorService operators;
  private final OperatorAccounts accounts;

  OperatorController(OperatorService operators, OperatorAccounts accounts) {
    this.operators = operators;
    this.accounts = accounts;
  }

  record NewOperator(
      @NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String id,
      @NotBlank @Size(max = 200) String name,
      @Size(max = 100) Set<@NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String> groups,
      @NotNull @PositiveOrZero @Max(MAX_LIMIT) Integer maxDialogs,
      @Size(max = 100) Map<@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String,
          @NotNull @PositiveOrZero @Max(MAX_LIMIT) Integer> channelLimits,
      OperatorStatus status,
      @Size(min = PASSWORD_MIN, max = 200, message = PASSWORD_RULE) String password) {
  }

  record OperatorChanges(
      @Size(min = 1, max = 200) String name,
      @Size(max = 100) Set<@NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String> groups,
      @PositiveOrZero @Max(MAX_LIMIT) Integer maxDialogs,
      @Size(max = 100) Map<@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String,
          @NotNull @PositiveOrZero @Max(MAX_LIMIT) Integer> channelLimits,
      @Size(min = PASSWORD_MIN, max = 200, message = PASSWORD_RULE) String password) {
  }

  record StatusChange(@NotNull OperatorStatus status) {
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  Operator create(@Valid @RequestBody NewOperator body) {
    if (!operators.exists(body.id())) { // an existing operator gets the service's own 409
      accounts.requireUnused(body.id());
    }
    Operator operator = operators.create(body.id(), body.name().strip(),
        body.groups() == null ? Set.of() : body.groups(), body.maxDialogs(),
        body.channelLimits() == null ? Map.of() : body.channelLimits(),
        body.status() == null ? OperatorStatus.OFFLINE : body.status());
    if (body.password() != null) {
      accounts.open(operator.id(), operator.name(), body.password());
    }
    return operator;
  }

  @GetMapping
  List<Operator> list() {
    return operators.list();
  }

  @GetMapping("/{id}")
  Operator get(@PathVariable @ValidId String id) {
    return operators.get(id);
  }

  @PatchMapping("/{id}")
  @Transactional
  Operator change(@PathVariable @ValidId String id, @Valid @RequestBody OperatorChanges body) {
    Operator operator = operators.change(id, body.name() == null ? null : body.name().strip(), body.groups(),
        body.maxDialogs(), body.channelLimits());
    if (body.password() != null) {
      accounts.open(operator.id(), operator.name(), body.password());
    } else if (body.name() != null) {
      accounts.rename(operator.id(), operator.name());
    }
    return operator;
  }

  /** The operator's panel is still there (see {@code operator-connect.operators.heartbeat-timeout}). */
  @PostMapping("/{id}/heartbeat")
  Operator heartbeat(@PathVariable @ValidId String id) {
    Caller.current().requireSelfOrAdmin(id, "send the heartbeat");
    return operators.heartbeat(id);
  }

  @PutMapping("/{id}/status")
  Operator setStatus(@PathVariable @ValidId String id, @Valid @RequestBody StatusChange body) {
    Caller.current().requireSelfOrAdmin(id, "set the status");
    return operators.setStatus(id, body.status());
  }
}
