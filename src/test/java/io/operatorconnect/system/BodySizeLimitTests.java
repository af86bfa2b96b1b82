package io.operatorconnect.system;

import io.operatorconnect.testsupport.HttpApi;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.testsupport.OperatorConnectTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@OperatorConnectTest
class BodySizeLimitTests {

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldRefuseAnOversizedBodyByItsDeclaredLength() throws Exception {
    // given a 2 MB operator name
    byte[] body = ("{\"id\":\"anna\",\"name\":\"" + "x".repeat(2_000_000) + "\",\"maxDialogs\":1}")
        .getBytes(StandardCharsets.UTF_8);

    // when
    HttpResponse<String> response = http.send(post("/api/operators", HttpRequest.BodyPublishers.ofByteArray(body)),
        HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("max-body-size");
  }

  @Test
  void shouldRefuseAnOversizedBodySentWithoutALength() throws Exception {
    // given a chunked body of 2 MB
    byte[] body = ("{\"id\":\"anna\",\"name\":\"" + "x".repeat(2_000_000) + "\",\"maxDialogs\":1}")
        .getBytes(StandardCharsets.UTF_8);

    // when
    HttpResponse<String> response = http.send(
        post("/api/operators", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))),
        HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("larger than");
  }

  @Test
  void shouldAcceptAnOrdinaryBody() throws Exception {
    HttpResponse<String> response = http.send(post("/api/operators", HttpRequest.BodyPublishers.ofString(
        "{\"id\":\"anna\",\"name\":\"Anna\",\"maxDialogs\":1}")), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(201);
  }

  private HttpRequest post(String path, HttpRequest.BodyPublisher body) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            (HttpApi.ADMIN + ":" + HttpApi.ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json").POST(body).build();
  }
}
