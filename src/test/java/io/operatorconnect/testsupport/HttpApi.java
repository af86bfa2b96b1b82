package io.operatorconnect.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * A real HTTP client on the running application (the random port), for tests of the HTTP contract.
 * It never throws on an error status: tests assert on the status, the content type and the body.
 */
public final class HttpApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The administrator of the test profiles ({@code application-test.yaml}, {@code application-test-node.yaml}). */
  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "admin-password-for-tests";

  private final int port;
  private final RestClient client;

  /** Signed in as the test profiles' administrator, who may do everything. */
  public HttpApi(int port) {
    this(port, ADMIN, ADMIN_PASSWORD);
  }

  private HttpApi(int port, String user, String password) {
    this(port, headers -> {
      if (user != null) {
        headers.setBasicAuth(user, password);
      }
    });
  }

  private HttpApi(int port, Consumer<HttpHeaders> credentials) {
    this.port = port;
    // The JDK client: PATCH works, and nothing retries or rewrites requests behind the test's back.
    this.client = RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .requestFactory(new JdkClientHttpRequestFactory())
        .defaultHeaders(credentials)
        .build();
  }

  /** The same server, with a web chat's token ({@code Authorization: Bearer}) instead of a user. */
  public HttpApi withChatToken(String token) {
    return new HttpApi(port, headers -> headers.setBearerAuth(token));
  }

  /** Spring's test client signed in as the test administrator. */
  public static org.springframework.boot.test.web.client.TestRestTemplate asAdmin(
      org.springframework.boot.test.web.client.TestRestTemplate rest) {
    return rest.withBasicAuth(ADMIN, ADMIN_PASSWORD);
  }

  /** The same server, with HTTP Basic credentials of another user. */
  public HttpApi as(String user, String password) {
    return new HttpApi(port, user, password);
  }

  /** The same server, without credentials. */
  public HttpApi anonymous() {
    return new HttpApi(port, null, null);
  }

  /** A response as the client saw it; {@code body} is a missing node when there was none. */
  public record Response(int status, MediaType contentType, JsonNode body) {

    public String text(String field) {
      return body.path(field).asText(null);
    }

    /** Fails unless this is an RFC 9457 problem with the status and a detail containing every fragment. */
    public Response assertProblem(int expectedStatus, String... detailContains) {
      assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
      assertThat(contentType).as("content type of %s", body).isNotNull();
      assertThat(contentType.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .as("content type %s of %s is application/problem+json", contentType, body).isTrue();
      assertThat(body.path("status").asInt()).isEqualTo(expectedStatus);
      assertThat(text("detail")).as("detail of %s", body).isNotBlank();
      if (detailContains.length > 0) {
        assertThat(text("detail")).as("detail of %s", body).contains(detailContains);
      }
      return this;
    }

    public Response assertStatus(int expectedStatus) {
      assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
      return this;
    }
  }

  /** A response whose body is text, not JSON (the Prometheus scrape). */
  public record TextResponse(int status, MediaType contentType, String body) {
  }

  public Response get(String path) {
    return exchange(HttpMethod.GET, path, null);
  }

  /** A page as a browser asks for it ({@code Accept: text/html}); redirects are not followed. */
  public int pageStatus(String path) {
    return client.get().uri(path).accept(MediaType.TEXT_HTML)
        .exchange((request, response) -> response.getStatusCode().value());
  }

  /** A GET that accepts plain text, for endpoints that do not answer JSON ({@code /actuator/prometheus}). */
  public TextResponse getText(String path) {
    return client.get().uri(path).accept(MediaType.TEXT_PLAIN).exchange((req, response) -> new TextResponse(
        response.getStatusCode().value(), response.getHeaders().getContentType(),
        new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
  }

  public Response post(String path, Object body) {
    return exchange(HttpMethod.POST, path, json(body));
  }

  public Response put(String path, Object body) {
    return exchange(HttpMethod.PUT, path, json(body));
  }

  public Response patch(String path, Object body) {
    return exchange(HttpMethod.PATCH, path, json(body));
  }

  public Response delete(String path) {
    return exchange(HttpMethod.DELETE, path, null);
  }

  /** Sends the text as it is, with {@code Content-Type: application/json}: for malformed and empty bodies. */
  public Response send(HttpMethod method, String path, String rawJson) {
    return exchange(method, path, rawJson);
  }

  // The shortcuts below set up what most tests need, through the API itself.

  /** Creates an operator; {@code status} is ONLINE, AWAY or OFFLINE. */
  public JsonNode operator(String id, int maxDialogs, String status, String... groups) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("name", id.substring(0, 1).toUpperCase() + id.substring(1));
    body.put("groups", List.of(groups));
    body.put("maxDialogs", maxDialogs);
    body.put("status", status);
    return post("/api/operators", body).assertStatus(201).body();
  }

  /** Starts the example scenario ({@code support_chat}) on telegram and returns the new dialog. */
  public JsonNode supportChat(String clientId) {
    return post("/api/dialogs", Map.of("channel", "telegram", "clientId", clientId, "scenario", "support_chat"))
        .assertStatus(201).body();
  }

  public JsonNode dialog(String id) {
    return get("/api/dialogs/" + id).assertStatus(200).body();
  }

  public JsonNode operator(String id) {
    return get("/api/operators/" + id).assertStatus(200).body();
  }

  public void settings(boolean autoConnect) {
    put("/api/settings", Map.of("autoConnect", autoConnect, "distributionMethod", "FEWEST_DIALOGS_THEN_IDLE",
        "redistributeOnOffline", false)).assertStatus(200);
  }

  /** Waits (at most 10 s) until the dialog is in the state: the queue is served asynchronously, after commit. */
  public JsonNode awaitState(String dialogId, String state) {
    return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> dialog(dialogId), dialog -> state.equals(dialog.path("state").asText()));
  }

  private Response exchange(HttpMethod method, String path, String body) {
    var request = client.method(method).uri(path).accept(MediaType.APPLICATION_JSON);
    if (body != null) {
      request = request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return request.exchange((req, response) -> {
      byte[] bytes = response.getBody().readAllBytes();
      return new Response(response.getStatusCode().value(), response.getHeaders().getContentType(), parse(bytes));
    });
  }

  private static String json(Object body) {
    if (body == null || body instanceof String) {
      return (String) body;
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JsonNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + new String(bytes, java.nio.charset.StandardCharsets.UTF_8), e);
    }
  }
}
