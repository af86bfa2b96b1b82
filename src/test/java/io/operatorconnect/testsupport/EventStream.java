package io.operatorconnect.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A reader of a server-sent event stream, as a browser's {@code EventSource} opens it: the events
 * arrive on a thread of their own and wait in order for the test.
 */
public final class EventStream implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** One event: its name and its data as JSON. */
  public record Event(String name, JsonNode data) {
  }

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile boolean ended;

  private EventStream(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = new Thread(this::read, "event-stream-reader");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /** Opens the stream at {@code path} with the client (its cookies) and the extra headers (name, value, ...). */
  public static EventStream open(HttpClient client, int port, String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "text/event-stream");
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).as("status of the event stream %s", path).isEqualTo(200);
      return new EventStream(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits for the next event that matches and returns it; the events before it are passed over and
   * handed to {@code skipped}. Fails when none comes within 10 s.
   */
  public Event await(Predicate<Event> wanted, List<Event> skipped) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      Event next;
      try {
        next = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (next == null) {
        throw new AssertionError("no such event within " + WAIT + "; passed over: " + skipped);
      }
      if (wanted.test(next)) {
        return next;
      }
      skipped.add(next);
    }
  }

  /** Waits for the next event of that name, passing over the others. */
  public Event await(String name) {
    return await(event -> event.name().equals(name), new ArrayList<>());
  }

  /** Waits for the next event of that name about that dialog, passing over the others. */
  public Event awaitAbout(String name, String dialogId) {
    return await(event -> event.name().equals(name) && dialogId.equals(event.data().path("dialogId").asText()),
        new ArrayList<>());
  }

  /** Whether the server has ended the stream. */
  public boolean ended() {
    return ended;
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // closing is all that is asked
    }
    reader.interrupt();
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String name = "message";
      StringBuilder data = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            events.add(new Event(name, parse(data.toString())));
          }
          name = "message";
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          name = line.substring("event:".length()).strip();
        } else if (line.startsWith("data:")) {
          data.append(data.isEmpty() ? "" : "\n").append(line.substring("data:".length()));
        }
      }
    } catch (IOException closed) {
      // closed by the test, or the connection dropped
    } finally {
      ended = true;
    }
  }

  private static JsonNode parse(String data) {
    try {
      return JSON.readTree(data);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
