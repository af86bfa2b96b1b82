package io.operatorconnect.settings;

import io.operatorconnect.routing.DistributionMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/settings}: the operator panel's settings. */
@RestController
@RequestMapping("/api/settings")
class PanelSettingsController {

  private static final Logger log = LoggerFactory.getLogger(PanelSettingsController.class);

  private final PanelSettingsRepository settings;
  private final ApplicationEventPublisher events;

  PanelSettingsController(PanelSettingsRepository settings, ApplicationEventPublisher events) {
    this.settings = settings;
    this.events = events;
  }

  record SettingsBody(@NotNull Boolean autoConnect, @NotNull DistributionMethod distributionMethod,
      @NotNull Boolean redistributeOnOffline) {
  }

  @GetMapping
  PanelSettings get() {
    return settings.get();
  }

  @PutMapping
  @Transactional
  PanelSettings put(@Valid @RequestBody SettingsBody body) {
    PanelSettings before = settings.get();
    PanelSettings after = new PanelSettings(body.autoConnect(), body.distributionMethod(), body.redistributeOnOffline());
    settings.save(after);
    log.info("panel settings {} -> {}", before, after);
    events.publishEvent(new PanelSettingsChanged(after));
    return after;
  }
}
