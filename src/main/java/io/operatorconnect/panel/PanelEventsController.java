package io.operatorconnect.panel;

import io.operatorconnect.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/panel/events}: the signed-in user's live updates as server-sent events ({@code ready},
 * {@code assigned}, {@code left}, {@code message}, {@code waiting}, {@code operators}, {@code settings}).
 * They reach the pages open on this node only; the page also reads its folders every few seconds for
 * what happens on other nodes.
 */
@RestController
class PanelEventsController {

  private final PanelEvents events;

  PanelEventsController(PanelEvents events) {
    this.events = events;
  }

  @GetMapping(path = "/api/panel/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return events.open(Caller.current(), session == null ? null : session.getId());
  }
}
