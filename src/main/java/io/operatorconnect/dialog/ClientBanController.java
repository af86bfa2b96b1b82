package io.operatorconnect.dialog;

import io.operatorconnect.system.ValidId;
import io.operatorconnect.system.Identifiers;
import io.operatorconnect.system.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/clients/{clientId}/ban}: banned clients get the {@code banned} outcome. */
@RestController
@Validated
@RequestMapping("/api/clients/{clientId}/ban")
class ClientBanController {

  private final BannedClients bans;
  private final Clock clock;

  ClientBanController(BannedClients bans, Clock clock) {
    this.bans = bans;
    this.clock = clock;
  }

  record BanBody(@Size(max = 1000) String reason) {
  }

  record BanState(String clientId, boolean banned) {
  }

  @PostMapping
  @Transactional
  ResponseEntity<BanState> ban(
      @PathVariable @ValidId String clientId,
      @Valid @RequestBody(required = false) BanBody body) {
    boolean created = bans.ban(clientId, body == null ? null : body.reason(), clock.instant());
    return ResponseEntity.status(created ? 201 : 200).body(new BanState(clientId, true));
  }

  @DeleteMapping
  @Transactional
  BanState unban(@PathVariable @ValidId String clientId) {
    if (!bans.unban(clientId)) {
      throw new NotFoundException("client '" + clientId + "' is not banned");
    }
    return new BanState(clientId, false);
  }
}
