package io.operatorconnect.panel;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Where the operator panel's page is served, and who gets it. */
@OperatorConnectTest
@Order(1) // through Camunda's webapps: before the cluster tests, see junit-platform.properties
class PanelPagesTests {

  @LocalServerPort
  int port;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldLeadFromTheFrontDoorToThePanel() throws Exception {
    // when
    HttpResponse<String> root = get("/", true);
    HttpResponse<String> folder = get("/panel", true);

    // then
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location").orElseThrow()).endsWith("/panel/");
    assertThat(folder.statusCode()).isEqualTo(302);
    assertThat(folder.headers().firstValue("Location").orElseThrow()).endsWith("/panel/");
  }

  @Test
  void shouldServeThePanelAndItsFilesToASignedInUser() throws Exception {
    // when
    HttpResponse<String> page = get("/panel/", true);
    HttpResponse<String> script = get("/panel/main.js", true);
    HttpResponse<String> live = get("/panel/live.js", true);

    // then
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.body()).contains("data-testid=\"folder-mine\"", "<script type=\"module\" src=\"main.js\">");
    assertThat(script.statusCode()).isEqualTo(200);
    // A browser runs a module only when it is served as JavaScript.
    assertThat(script.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
    assertThat(script.body()).contains("from './live.js'");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).contains("EventSource");
  }

  @Test
  void shouldSendAVisitorWhoHasNotSignedInToTheLoginPage() throws Exception {
    for (String path : new String[] {"/panel/", "/panel/main.js", "/"}) {
      // when
      HttpResponse<String> response = get(path, false);

      // then
      assertThat(response.statusCode()).as(path).isEqualTo(302);
      assertThat(response.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/login");
    }
  }

  @Test
  void shouldKeepCamundasWebappsAtTheirOwnPath() throws Exception {
    // when
    HttpResponse<String> cockpit = get("/camunda/app/cockpit/default/", true);

    // then
    assertThat(cockpit.statusCode()).isEqualTo(200);
    assertThat(cockpit.body()).contains("<html");
  }

  private HttpResponse<String> get(String path, boolean signedIn) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "text/html");
    if (signedIn) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (HttpApi.ADMIN + ":" + HttpApi.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldLetThePanelAndTheLoginPageRunOnlyTheAppsOwnScripts() throws Exception {
    for (var page : java.util.List.of(get("/panel/", true), get("/login", false))) {
      // when
      String policy = page.headers().firstValue("Content-Security-Policy").orElse("");

      // then
      assertThat(policy).as("%s", page.uri()).contains("script-src 'self'", "style-src 'self'",
          "object-src 'none'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
    }
  }
}
