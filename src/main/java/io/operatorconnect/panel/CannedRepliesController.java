package io.operatorconnect.panel;

import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.security.Caller;
import io.operatorconnect.security.Role;
import io.operatorconnect.system.ForbiddenException;
import io.operatorconnect.system.Identifiers;
import io.operatorconnect.system.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/panel/replies}: saved answers the panel inserts with "/". An operator sees their own and those of
 * their subjects, and keeps their own; a subject's are an administrator's to make and remove.
 */
@RestController
@Validated
class CannedRepliesController {

  private final CannedReplies replies;
  private final OperatorService operators;
  private final Clock clock;

  CannedRepliesController(CannedReplies replies, OperatorService operators, Clock clock) {
    this.replies = replies;
    this.operators = operators;
    this.clock = clock;
  }

  /** A new answer: for a subject (administrators) or, without one, the caller's own. */
  record NewReply(
      @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String subject,
      @NotBlank @Size(max = 100) String title,
      @NotBlank @Size(max = 4000) String text) {
  }

  @GetMapping("/api/panel/replies")
  @Transactional(readOnly = true)
  List<CannedReplies.Reply> list() {
    Caller caller = Caller.current();
    if (!caller.is(Role.OPERATOR)) {
      return replies.ofSubjects();
    }
    return replies.forOperator(caller.id(), operators.exists(caller.id())
        ? operators.get(caller.id()).groups() : List.of());
  }

  @PostMapping("/api/panel/replies")
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  CannedReplies.Reply add(@Valid @RequestBody NewReply body) {
    Caller caller = Caller.current();
    if (body.subject() != null && !caller.isAdmin()) {
      throw new ForbiddenException("'" + caller.id() + "' may not save answers for the subject '" + body.subject()
          + "': an administrator does; leave the subject out to save one of your own");
    }
    if (body.subject() == null && !caller.is(Role.OPERATOR)) {
      throw new ForbiddenException("an answer of one's own is an operator's: name the subject it is for");
    }
    return replies.add(body.subject() == null ? caller.id() : null, body.subject(), body.title().strip(),
        body.text().strip(), clock.instant());
  }

  @DeleteMapping("/api/panel/replies/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Transactional
  void delete(@PathVariable long id) {
    Caller caller = Caller.current();
    CannedReplies.Reply reply = replies.find(id)
        .orElseThrow(() -> new NotFoundException("there is no saved answer " + id));
    boolean own = caller.id().equals(reply.ownerId());
    if (!own && !(reply.subject() != null && caller.isAdmin())) {
      throw new ForbiddenException("'" + caller.id() + "' may not remove saved answer " + id + ": an operator removes"
          + " their own, an administrator a subject's");
    }
    replies.delete(id);
  }
}
