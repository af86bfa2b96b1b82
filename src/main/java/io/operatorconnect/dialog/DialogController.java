package io.operatorconnect.dialog;

import io.operatorconnect.system.ValidId;
import io.operatorconnect.security.Caller;
import io.operatorconnect.security.Role;

import io.operatorconnect.channel.Sender;
import io.operatorconnect.channel.TranscriptMessage;
import io.operatorconnect.system.BadRequestException;
import io.operatorconnect.system.ForbiddenException;
import io.operatorconnect.system.Identifiers;
import io.operatorconnect.system.TimeParameters;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/dialogs}: new dialogs, their state, transcript, accept and close. */
@RestController
@RequestMapping("/api/dialogs")
class DialogController {

  private final DialogService dialogs;
  private final DialogAccess access;

  DialogController(DialogService dialogs, DialogAccess access) {
    this.dialogs = dialogs;
    this.access = access;
  }

  record NewDialog(
      @NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String channel,
      @NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String clientId,
      @NotBlank @Size(max = 255) String scenario,
      @Size(max = 100) Map<@Size(min = 1, max = 64) String, Object> variables) {
  }

  record NewMessage(
      @NotNull @Pattern(regexp = "(?i)client|operator|bot", message = "must be client, operator or bot") String from,
      @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String operatorId,
      @NotBlank @Size(max = 4000) String text) {
  }

  record Acceptance(@NotNull @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String operatorId) {
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  DialogView start(@Valid @RequestBody NewDialog body) {
    return dialogs.start(body.channel(), body.clientId(), body.scenario().strip(), body.variables());
  }

  /**
   * The dialogs that match every filter given, newest first, {@code limit} at a time (50 unless told, at most
   * 200); {@code next} is the cursor of the next page, null on the last. An operator sees their own dialogs and
   * those that wait, as {@code GET /api/dialogs/{id}} lets them.
   */
  @GetMapping
  DialogService.DialogPage list(
      @RequestParam(required = false) String state,
      @RequestParam(required = false) @Size(max = 200) String operatorId,
      @RequestParam(required = false) @Size(max = 200) String clientId,
      @RequestParam(required = false) @Size(max = 200) String channel,
      @RequestParam(required = false) @Size(max = 200) String subject,
      @RequestParam(required = false) @Size(max = 200) String q,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) @Size(max = 500) String after) {
    Caller caller = Caller.current();
    String onlyFor = caller.isAdmin() || caller.is(Role.INTEGRATION) ? null : caller.id();
    if (onlyFor != null && operatorId != null && !operatorId.equals(onlyFor)) {
      throw new ForbiddenException("'" + onlyFor + "' may not list the dialogs of operator '" + operatorId
          + "': an operator lists their own dialogs and those that wait; an administrator lists everyone's");
    }
    Instant since = TimeParameters.parse("from", from, false);
    Instant until = TimeParameters.parse("to", to, true);
    if (since != null && until != null && !since.isBefore(until)) {
      throw new BadRequestException("from: " + from + " is not before to: " + to);
    }
    return dialogs.list(new DialogQuery(DialogQuery.state(state), blankToNull(operatorId), blankToNull(clientId),
        blankToNull(channel), blankToNull(subject), blankToNull(q), since, until, DialogQuery.limit(limit),
        after == null || after.isBlank() ? null : DialogQuery.Cursor.decode(after.strip()), onlyFor));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  @GetMapping("/{id}")
  DialogView get(@PathVariable @ValidId String id) {
    access.requireRead(id);
    return dialogs.view(id);
  }

  /** The scenario's variables the analyst marked as visible to operators, by name. */
  @GetMapping("/{id}/variables")
  Map<String, Object> variables(@PathVariable @ValidId String id) {
    access.requireRead(id);
    return dialogs.visibleVariables(id);
  }

  @GetMapping("/{id}/messages")
  List<TranscriptMessage> messages(@PathVariable @ValidId String id) {
    access.requireRead(id);
    return dialogs.messages(id);
  }

  @PostMapping("/{id}/messages")
  @ResponseStatus(HttpStatus.CREATED)
  TranscriptMessage post(@PathVariable @ValidId String id, @Valid @RequestBody NewMessage body) {
    Sender from = Sender.valueOf(body.from().toUpperCase(java.util.Locale.ROOT));
    if (from == Sender.OPERATOR && body.operatorId() == null) {
      throw new BadRequestException("operatorId: required when from is operator");
    }
    if (from == Sender.OPERATOR) {
      Caller.current().requireSelfOrAdmin(body.operatorId(), "post the messages");
      access.requireOperatorOf(id, "answer in");
    } else {
      access.requireClientSide(from);
    }
    return dialogs.post(id, from, body.operatorId(), body.text());
  }

  @PostMapping("/{id}/accept")
  DialogView accept(@PathVariable @ValidId String id, @Valid @RequestBody Acceptance body) {
    Caller.current().requireSelfOrAdmin(body.operatorId(), "accept dialogs");
    return dialogs.accept(id, body.operatorId());
  }

  record Transfer(
      @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String operatorId,
      @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String subject) {
  }

  @PostMapping("/{id}/transfer")
  DialogView transfer(@PathVariable @ValidId String id, @Valid @RequestBody Transfer body) {
    access.requireOperatorOf(id, "transfer");
    return dialogs.transfer(id, body.operatorId(), body.subject());
  }

  @PostMapping("/{id}/return-to-queue")
  DialogView returnToQueue(@PathVariable @ValidId String id) {
    access.requireOperatorOf(id, "return to the queue");
    return dialogs.returnToQueue(id);
  }

  @PostMapping("/{id}/return-to-bot")
  DialogView returnToBot(@PathVariable @ValidId String id) {
    access.requireOperatorOf(id, "return to the bot");
    return dialogs.returnToBot(id);
  }

  @GetMapping("/{id}/decisions")
  List<DecisionLog.DecisionView> decisions(@PathVariable @ValidId String id) {
    access.requireOperatorOf(id, "see the decisions of");
    return dialogs.decisions(id);
  }

  /** What the closing operator may say of the dialog; both optional, the body too. */
  record Closing(
      @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1 to 64 letters, digits, '_' or '-', such as resolved"
          + " or not_resolved") String outcome,
      @Size(max = 2000) String note) {
  }

  @PostMapping("/{id}/close")
  DialogView close(@PathVariable @ValidId String id, @Valid @RequestBody(required = false) Closing body) {
    access.requireClose(id);
    String note = body == null || body.note() == null || body.note().isBlank() ? null : body.note().strip();
    return dialogs.close(id, body == null ? null : body.outcome(), note);
  }
}
