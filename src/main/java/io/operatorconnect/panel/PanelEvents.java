package io.operatorconnect.panel;

import io.operatorconnect.security.Caller;
import io.operatorconnect.security.Role;
import io.operatorconnect.system.CoalescingWorker;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.session.SessionDestroyedEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The operator panel's open event streams on this node (one per open page), by signed-in user. Events
 * are written on a thread of their own, in the order they were raised, so that a slow or vanished
 * browser never holds up the transaction that raised them. A stream leaves the registry when it
 * completes, times out, fails to write, or when the session it was opened in ends (sign-out, expiry).
 * On shutdown every stream is ended first, before the web server waits for open requests to finish
 * (the browsers reconnect, to another node behind a load balancer).
 */
@Component
class PanelEvents implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PanelEvents.class);

  /** What the browser waits before it reconnects a stream that ended. */
  private static final long RECONNECT_MILLIS = 3000;

  private final PanelProperties properties;
  private final ConcurrentMap<String, Set<Stream>> byUser = new ConcurrentHashMap<>();
  private volatile boolean running;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(CoalescingWorker.daemonThreads("panel-events"));

  PanelEvents(PanelProperties properties) {
    this.properties = properties;
  }

  /** One open page: whose, and in which session (null for a caller with HTTP Basic credentials). */
  private record Stream(Caller caller, String sessionId, SseEmitter emitter) {
  }

  /** One event: its name (the browser's listener) and its JSON data. */
  record Event(String name, Object data) {

    SseEmitter.SseEventBuilder build() {
      return SseEmitter.event().name(name).data(data);
    }
  }

  /** Opens a stream for the caller; its first event, {@code ready}, says it is live. */
  SseEmitter open(Caller caller, String sessionId) {
    SseEmitter emitter = new SseEmitter(properties.eventTimeout().toMillis());
    Stream stream = new Stream(caller, sessionId, emitter);
    emitter.onCompletion(() -> remove(stream));
    emitter.onError(error -> remove(stream));
    // Completing on a timeout ends the response cleanly; the browser reconnects.
    emitter.onTimeout(() -> {
      remove(stream);
      emitter.complete();
    });
    byUser.computeIfAbsent(caller.id(), user -> ConcurrentHashMap.newKeySet()).add(stream);
    write(List.of(stream), () -> SseEmitter.event().name("ready").reconnectTime(RECONNECT_MILLIS)
        .data(new Ready(caller.id(), caller.roles().stream().sorted().toList())));
    return emitter;
  }

  record Ready(String user, List<Role> roles) {
  }

  /** To every open page of one user. */
  void toUser(String userId, Event event) {
    Set<Stream> streams = byUser.get(userId);
    if (streams != null) {
      write(List.copyOf(streams), event::build);
    }
  }

  /** To every open page of the users with the role. */
  void toRole(Role role, Event event) {
    write(streams(stream -> stream.caller().is(role)), event::build);
  }

  void toEveryone(Event event) {
    write(streams(stream -> true), event::build);
  }

  /** Whether any page is open on this node: spares the lookups behind an event nobody would receive. */
  boolean anyOpen() {
    return !byUser.isEmpty();
  }

  /** How many streams are open; for tests and logs. */
  int openStreams() {
    return byUser.values().stream().mapToInt(Set::size).sum();
  }

  /**
   * A comment line on every stream: proxies see traffic, and the stream of a page that is gone without
   * a word (a closed laptop) fails to write and is dropped.
   */
  @Scheduled(initialDelayString = "${operator-connect.panel.keep-alive:20s}",
      fixedDelayString = "${operator-connect.panel.keep-alive:20s}")
  void keepAlive() {
    write(streams(stream -> true), () -> SseEmitter.event().comment("keep-alive"));
  }

  /** A signed-out or expired session keeps no stream open: it would go on receiving its user's events. */
  @EventListener
  void sessionEnded(SessionDestroyedEvent ended) {
    for (Stream stream : streams(stream -> ended.getId().equals(stream.sessionId()))) {
      remove(stream);
      stream.emitter().complete();
    }
  }

  @Override
  public void start() {
    running = true;
  }

  /** Stops in the first shutdown phase, before the web server's graceful shutdown, which would wait for the streams. */
  @Override
  public void stop() {
    running = false;
    for (Stream stream : streams(stream -> true)) {
      remove(stream);
      stream.emitter().complete();
    }
  }

  @PreDestroy
  void shutDown() {
    writer.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private List<Stream> streams(Predicate<Stream> which) {
    return byUser.values().stream().flatMap(Set::stream).filter(which).toList();
  }

  private void write(List<Stream> streams, Supplier<SseEmitter.SseEventBuilder> event) {
    if (streams.isEmpty()) {
      return;
    }
    try {
      writer.execute(() -> streams.forEach(stream -> write(stream, event.get())));
    } catch (RejectedExecutionException shuttingDown) {
      log.debug("not sending a panel event: shutting down");
    }
  }

  private void write(Stream stream, SseEmitter.SseEventBuilder event) {
    try {
      stream.emitter().send(event);
    } catch (IOException | IllegalStateException gone) {
      // The page went away (or the stream already ended): the container reports the error to the emitter.
      log.debug("panel event stream of {} dropped: {}", stream.caller().id(), gone.toString());
      remove(stream);
    }
  }

  private void remove(Stream stream) {
    byUser.computeIfPresent(stream.caller().id(), (user, streams) -> {
      streams.remove(stream);
      return streams.isEmpty() ? null : streams;
    });
  }
}
