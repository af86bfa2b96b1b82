package io.operatorconnect.channel;

import io.operatorconnect.security.ClientTokens;
import io.operatorconnect.system.BadRequestException;
import io.operatorconnect.system.ValidId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code /chat/api/dialogs}: the web chat's client. Anybody may start a chat (counted per address); the answer
 * carries a token that opens that dialog alone, for reading its transcript, writing and leaving, and for its
 * live events (security.ClientTokens; the security chain of {@code /chat} checks it before any of this runs).
 */
@RestController
@RequestMapping("/chat/api/dialogs")
@Validated
class WebChatController {

  /** The web chat's channel: what its clients write and are told is under this name. */
  static final String CHANNEL = "webchat";

  private final ClientDialogs dialogs;
  private final ClientTokens tokens;
  private final WebChatStreams streams;
  private final WebChatProperties properties;

  WebChatController(ClientDialogs dialogs, ClientTokens tokens, WebChatStreams streams, WebChatProperties properties) {
    this.dialogs = dialogs;
    this.tokens = tokens;
    this.streams = streams;
    this.properties = properties;
  }

  record NewChat(@Size(max = 255) String scenario) {
  }

  record Started(String dialogId, String token, Instant expiresAt, ClientDialogs.ClientView dialog) {
  }

  record Chat(ClientDialogs.ClientView dialog, List<WebChatStreams.Line> messages) {
  }

  record ClientMessage(@NotBlank @Size(max = 4000) String text) {
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Started start(@Valid @RequestBody(required = false) NewChat body) {
    String scenario = body == null || body.scenario() == null || body.scenario().isBlank()
        ? properties.scenarios().get(0)
        : body.scenario().strip();
    if (!properties.scenarios().contains(scenario)) {
      throw new BadRequestException("scenario '" + scenario + "' is not open to the web chat; it offers "
          + properties.scenarios() + " (operator-connect.chat.scenarios)");
    }
    String dialogId = dialogs.start(CHANNEL, "web-" + UUID.randomUUID(), scenario);
    ClientTokens.ClientToken token = tokens.issue(dialogId);
    return new Started(dialogId, token.token(), token.expiresAt(), dialogs.view(dialogId));
  }

  @GetMapping("/{dialogId}")
  Chat chat(@PathVariable @ValidId String dialogId) {
    return new Chat(dialogs.view(dialogId), streams.lines(dialogId, 0));
  }

  @PostMapping("/{dialogId}/messages")
  @ResponseStatus(HttpStatus.CREATED)
  WebChatStreams.Line say(@PathVariable @ValidId String dialogId, @Valid @RequestBody ClientMessage body) {
    return WebChatStreams.Line.of(dialogs.say(dialogId, body.text()), null);
  }

  @PostMapping("/{dialogId}/leave")
  ClientDialogs.ClientView leave(@PathVariable @ValidId String dialogId) {
    return dialogs.leave(dialogId);
  }

  /**
   * The chat's live events: {@code message} (a transcript line, its id the event's id), {@code status} (the
   * dialog as its client sees it, whenever that changes). A reconnecting browser sends {@code Last-Event-ID}
   * and gets the lines it missed.
   */
  @GetMapping(path = "/{dialogId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(@PathVariable @ValidId String dialogId,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    dialogs.view(dialogId); // an unknown dialog is a 404 here, not a stream that ends at once
    return streams.open(dialogId, lastSeen(lastEventId));
  }

  private static long lastSeen(String lastEventId) {
    if (lastEventId == null || !lastEventId.matches("[0-9]{1,18}")) {
      return 0;
    }
    return Long.parseLong(lastEventId);
  }
}
