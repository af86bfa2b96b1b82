package io.operatorconnect.channel;

import io.operatorconnect.system.CoalescingWorker;
import io.operatorconnect.system.NotFoundException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The web chat's open event streams on this node, by dialog. A stream is brought up to date (the lines it has
 * not had, the dialog's status when it changed) right after a commit that wrote to its dialog's transcript or
 * told its client of an event, and every {@code operator-connect.chat.refresh} besides: that picks up what
 * happened on another node, and the queue moving ahead of a waiting client. The work runs on one thread of its
 * own, so that no transaction waits for a browser. A stream ends when its dialog is closed (after saying so),
 * times out (the browser reconnects), fails to write, or the node stops.
 */
@Component
class WebChatStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WebChatStreams.class);

  /** What the browser waits before it reconnects a stream that ended. */
  private static final long RECONNECT_MILLIS = 2000;

  /** One transcript line as the client reads it; an operator's line names them. */
  record Line(long id, String from, String text, Instant at, String operatorName) {

    static Line of(TranscriptMessage message, String operatorName) {
      return new Line(message.id(), message.from().name().toLowerCase(Locale.ROOT), message.text(),
          message.at(), operatorName);
    }
  }

  private static final class Stream {

    private final SseEmitter emitter;
    private volatile long lastLine;
    private volatile ClientDialogs.ClientView lastView;

    private Stream(SseEmitter emitter, long lastLine) {
      this.emitter = emitter;
      this.lastLine = lastLine;
    }
  }

  private final ClientDialogs dialogs;
  private final Transcript transcript;
  private final WebChatProperties properties;
  private final ConcurrentMap<String, Set<Stream>> byDialog = new ConcurrentHashMap<>();
  private final Set<String> due = ConcurrentHashMap.newKeySet();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(CoalescingWorker.daemonThreads("webchat-events"));
  private volatile boolean running;

  WebChatStreams(ClientDialogs dialogs, Transcript transcript, WebChatProperties properties) {
    this.dialogs = dialogs;
    this.transcript = transcript;
    this.properties = properties;
  }

  /** The dialog's lines after {@code afterId}, each operator's line with the operator's name. */
  List<Line> lines(String dialogId, long afterId) {
    List<TranscriptMessage> messages = transcript.after(dialogId, afterId);
    Set<String> operators = new HashSet<>();
    messages.stream().map(TranscriptMessage::operatorId).filter(Objects::nonNull).forEach(operators::add);
    Map<String, String> names = operators.isEmpty() ? Map.of() : dialogs.operatorNames(operators);
    return messages.stream().map(message -> Line.of(message,
        message.operatorId() == null ? null : names.getOrDefault(message.operatorId(), message.operatorId()))).toList();
  }

  /** Opens a stream that first gets the lines after {@code lastLine} and the dialog's status. */
  SseEmitter open(String dialogId, long lastLine) {
    SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
    Stream stream = new Stream(emitter, lastLine);
    emitter.onCompletion(() -> remove(dialogId, stream));
    emitter.onError(error -> remove(dialogId, stream));
    emitter.onTimeout(() -> {
      remove(dialogId, stream);
      emitter.complete();
    });
    byDialog.computeIfAbsent(dialogId, id -> ConcurrentHashMap.newKeySet()).add(stream);
    refreshSoon(dialogId);
    return emitter;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void messageAppended(MessageAppended appended) {
    refreshSoon(appended.dialogId());
  }

  @TransactionalEventListener(fallbackExecution = true)
  void clientEvent(ClientEventRaised raised) {
    refreshSoon(raised.dialogId());
  }

  /**
   * Every {@code refresh}: which open chats moved without this node hearing of it (a line or a change made on
   * another node), in two queries for up to {@value #CHECKED_AT_ONCE} chats, and those brought up to date; a chat
   * that waits in the queue always is, since its place and estimated wait move with others.
   */
  @Scheduled(initialDelayString = "${operator-connect.chat.refresh:2s}",
      fixedDelayString = "${operator-connect.chat.refresh:2s}")
  void refreshAll() {
    if (byDialog.isEmpty()) {
      return;
    }
    try {
      worker.execute(this::checkAll);
    } catch (RejectedExecutionException shuttingDown) {
      // the node stops; its streams end with it
    }
  }

  private static final int CHECKED_AT_ONCE = 500;

  private void checkAll() {
    List<String> open = List.copyOf(byDialog.keySet());
    for (int from = 0; from < open.size(); from += CHECKED_AT_ONCE) {
      List<String> ids = open.subList(from, Math.min(open.size(), from + CHECKED_AT_ONCE));
      Map<String, ClientDialogs.Mark> marks;
      Map<String, Long> lastLines;
      try {
        marks = dialogs.marks(ids);
        lastLines = transcript.lastIds(ids);
      } catch (RuntimeException failed) {
        log.warn("web chat: open chats not checked this time: {}", failed.toString());
        return;
      }
      for (String id : ids) {
        Set<Stream> streams = byDialog.get(id);
        ClientDialogs.Mark mark = marks.get(id);
        if (streams != null && (mark == null || mark.waiting() || moved(streams, mark, lastLines.getOrDefault(id, 0L)))) {
          refreshSoon(id);
        }
      }
    }
  }

  private static boolean moved(Set<Stream> streams, ClientDialogs.Mark mark, long lastLine) {
    return streams.stream().anyMatch(stream -> stream.lastLine < lastLine || stream.lastView == null
        || !stream.lastView.mark().equals(mark));
  }

  /** A comment line now and then: proxies see traffic, and the stream of a page gone without a word is dropped. */
  @Scheduled(initialDelayString = "${operator-connect.panel.keep-alive:20s}",
      fixedDelayString = "${operator-connect.panel.keep-alive:20s}")
  void keepAlive() {
    byDialog.forEach((dialogId, streams) -> streams.forEach(stream -> {
      try {
        worker.execute(() -> send(dialogId, stream, SseEmitter.event().comment("keep-alive")));
      } catch (RejectedExecutionException shuttingDown) {
        // the node stops; its streams end with it
      }
    }));
  }

  /** How many streams are open on this node; for tests and logs. */
  int openStreams() {
    return byDialog.values().stream().mapToInt(Set::size).sum();
  }

  private void refreshSoon(String dialogId) {
    if (!byDialog.containsKey(dialogId) || !due.add(dialogId)) {
      return;
    }
    try {
      worker.execute(() -> {
        due.remove(dialogId);
        refresh(dialogId);
      });
    } catch (RejectedExecutionException shuttingDown) {
      due.remove(dialogId);
    }
  }

  private void refresh(String dialogId) {
    Set<Stream> streams = byDialog.get(dialogId);
    if (streams == null || streams.isEmpty()) {
      return;
    }
    ClientDialogs.ClientView view;
    List<Line> lines;
    try {
      view = dialogs.view(dialogId);
      lines = lines(dialogId, streams.stream().mapToLong(stream -> stream.lastLine).min().orElse(0));
    } catch (NotFoundException gone) {
      streams.forEach(stream -> stream.emitter.complete());
      byDialog.remove(dialogId);
      return;
    } catch (RuntimeException failed) {
      log.warn("web chat of dialog {}: not brought up to date this time: {}", dialogId, failed.toString());
      return;
    }
    for (Stream stream : streams) {
      for (Line line : lines) {
        if (line.id() > stream.lastLine && send(dialogId, stream,
            SseEmitter.event().id(Long.toString(line.id())).name("message").data(line))) {
          stream.lastLine = line.id();
        }
      }
      if (!view.equals(stream.lastView) && send(dialogId, stream,
          SseEmitter.event().name("status").reconnectTime(RECONNECT_MILLIS).data(view))) {
        stream.lastView = view;
      }
      if (view.closed()) {
        remove(dialogId, stream);
        stream.emitter.complete();
      }
    }
  }

  private boolean send(String dialogId, Stream stream, SseEmitter.SseEventBuilder event) {
    try {
      stream.emitter.send(event);
      return true;
    } catch (IOException | IllegalStateException gone) {
      log.debug("web chat stream of dialog {} dropped: {}", dialogId, gone.toString());
      remove(dialogId, stream);
      return false;
    }
  }

  private void remove(String dialogId, Stream stream) {
    byDialog.computeIfPresent(dialogId, (id, streams) -> {
      streams.remove(stream);
      return streams.isEmpty() ? null : streams;
    });
  }

  @Override
  public void start() {
    running = true;
  }

  /** Ends every stream before the web server's graceful shutdown, which would wait for them. */
  @Override
  public void stop() {
    running = false;
    byDialog.values().forEach(streams -> streams.forEach(stream -> stream.emitter.complete()));
    byDialog.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @PreDestroy
  void shutDown() {
    worker.shutdownNow();
  }
}
