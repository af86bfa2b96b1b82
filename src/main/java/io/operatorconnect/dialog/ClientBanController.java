package io.operatorconnect.dialog;

import io.operatorconnect.security.Caller;
import io.operatorconnect.system.BadRequestException;
import io.operatorconnect.system.NotFoundException;
import io.operatorconnect.system.ValidId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/clients/{clientId}/ban} and {@code /api/bans}: banned clients get the {@code banned} outcome, and
 * their dialogs are not given to an operator by hand either, until the ban's end, if it has one.
 */
@RestController
@Validated
class ClientBanController {

  private final BannedClients bans;
  private final Clock clock;

  ClientBanController(BannedClients bans, Clock clock) {
    this.bans = bans;
    this.clock = clock;
  }

  /** Both optional: a ban without a reason, and one without an end. */
  record BanBody(@Size(max = 1000) String reason, Instant until) {
  }

  /** The client's standing after the call, with the ban's details while they are banned. */
  record BanState(String clientId, boolean banned, String reason, Instant until, String bannedBy,
      Instant bannedAt) {

    static BanState of(String clientId, BannedClients.Ban ban) {
      return ban == null ? new BanState(clientId, false, null, null, null, null)
          : new BanState(clientId, true, ban.reason(), ban.until(), ban.bannedBy(), ban.bannedAt());
    }
  }

  /** Bans the client (201), or changes the reason and end of their ban (200). */
  @PostMapping("/api/clients/{clientId}/ban")
  @Transactional
  ResponseEntity<BanState> ban(
      @PathVariable @ValidId String clientId,
      @Valid @RequestBody(required = false) BanBody body) {
    Instant until = body == null ? null : body.until();
    if (until != null && !until.isAfter(clock.instant())) {
      throw new BadRequestException("until: " + until + " has passed; a ban ends in the future, or leave it out"
          + " for a ban without an end");
    }
    boolean created = bans.ban(clientId, body == null ? null : body.reason(), until, Caller.current().id());
    return ResponseEntity.status(created ? 201 : 200).body(BanState.of(clientId, bans.ban(clientId).orElseThrow()));
  }

  @DeleteMapping("/api/clients/{clientId}/ban")
  @Transactional
  BanState unban(@PathVariable @ValidId String clientId) {
    if (!bans.unban(clientId)) {
      throw new NotFoundException("client '" + clientId + "' is not banned");
    }
    return BanState.of(clientId, null);
  }

  /** The bans in force, the newest first; expired ones are not listed. */
  @GetMapping("/api/bans")
  List<BannedClients.Ban> list() {
    return bans.list();
  }
}
