package io.operatorconnect.channel;

import io.operatorconnect.system.BadRequestException;
import io.operatorconnect.system.NotFoundException;
import io.operatorconnect.system.ValidId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/channels}: a channel's webhook (the secret is write-only: {@code secretSet} tells whether one is
 * set) and its deliveries, visible and retryable. Administrators only (security.AccessRules).
 */
@RestController
@RequestMapping("/api/channels")
@Validated
class ChannelController {

  static final int SECRET_MIN = 16;

  record WebhookBody(@NotBlank @Size(max = 2000) String url,
      @NotNull @Size(min = SECRET_MIN, max = 500, message = "must be 16 to 500 characters: the receiver checks every"
          + " delivery's signature with it") String secret) {
  }

  record ChannelBody(@NotNull @Valid WebhookBody webhook) {
  }

  record WebhookView(String url, boolean secretSet) {
  }

  record ChannelAnswer(String channel, WebhookView webhook) {

    static ChannelAnswer of(Webhooks.ChannelView view) {
      return new ChannelAnswer(view.channel(), view.url() == null ? null : new WebhookView(view.url(), view.secretSet()));
    }
  }

  private final Webhooks webhooks;
  private final Outbox outbox;
  private final ChannelProperties properties;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  ChannelController(Webhooks webhooks, Outbox outbox, ChannelProperties properties, ApplicationEventPublisher events,
      Clock clock) {
    this.webhooks = webhooks;
    this.outbox = outbox;
    this.properties = properties;
    this.events = events;
    this.clock = clock;
  }

  @GetMapping
  List<ChannelAnswer> list() {
    return webhooks.list().stream().map(ChannelAnswer::of).toList();
  }

  @GetMapping("/{channel}")
  ChannelAnswer get(@PathVariable @ValidId String channel) {
    return webhooks.view(channel).map(ChannelAnswer::of).orElse(new ChannelAnswer(channel, null));
  }

  @PutMapping("/{channel}")
  @Transactional
  ChannelAnswer put(@PathVariable @ValidId String channel, @Valid @RequestBody ChannelBody body) {
    URI url;
    try {
      url = URI.create(body.webhook().url().strip());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("webhook.url: '" + body.webhook().url() + "' is not a URL");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new BadRequestException("webhook.url: '" + body.webhook().url() + "' is not an http or https URL with a"
          + " host; deliveries are POSTed to it");
    }
    webhooks.save(channel, new Webhooks.Webhook(url.toString(), body.webhook().secret()));
    events.publishEvent(DeliveriesDue.onChannel(channel)); // those left pending without a webhook go after commit
    return get(channel);
  }

  @DeleteMapping("/{channel}/webhook")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Transactional
  void deleteWebhook(@PathVariable @ValidId String channel) {
    if (!webhooks.remove(channel)) {
      throw new NotFoundException("channel '" + channel + "' has no webhook");
    }
  }

  @GetMapping("/{channel}/deliveries")
  List<Outbox.Delivery> deliveries(@PathVariable @ValidId String channel,
      @RequestParam(required = false) DeliveryState state,
      @RequestParam(defaultValue = "50") @Positive @Max(500) int limit) {
    return outbox.list(channel, state == null ? null : state.name(), limit);
  }

  @PostMapping("/{channel}/deliveries/{id}/retry")
  @Transactional
  Outbox.Delivery retry(@PathVariable @ValidId String channel, @PathVariable @ValidId String id) {
    var now = clock.instant();
    if (!outbox.retry(channel, id, now, now.plus(properties.giveUpAfter()))) {
      throw new NotFoundException("channel '" + channel + "' has no FAILED delivery '" + id + "'; only a FAILED one"
          + " can be retried (a PENDING one is retried by itself)");
    }
    events.publishEvent(DeliveriesDue.onChannel(channel));
    return outbox.delivery(id).orElseThrow();
  }

  /** The states a delivery is listed by. */
  enum DeliveryState {
    PENDING, DELIVERED, FAILED
  }
}
