package io.operatorconnect.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.operatorconnect.testsupport.Browser;
import io.operatorconnect.testsupport.BrowserTest;
import io.operatorconnect.testsupport.HttpApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The probe's attack in a real Chromium: an administrator signed in to the panel opens a page on another
 * port of the same host (another origin, but the same site, so even a {@code SameSite=Strict} cookie would
 * go along), whose script posts a diagram to {@code /engine-rest/deployment/create} as a multipart form.
 * Nothing is deployed.
 */
@BrowserTest
class CrossSiteDeploymentBrowserTests {

  static final String DEPLOYMENT = "cross-site-deployment";

  @LocalServerPort
  int port;

  @Autowired
  RepositoryService repository;

  HttpServer otherSite;

  @BeforeEach
  void pageOnAnotherPort() throws IOException {
    otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] page = attackPage().getBytes(StandardCharsets.UTF_8);
    otherSite.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    otherSite.start();
  }

  @AfterEach
  void stop() {
    otherSite.stop(0);
    repository.createDeploymentQuery().deploymentName(DEPLOYMENT).list()
        .forEach(deployment -> repository.deleteDeployment(deployment.getId(), true));
  }

  @Test
  void shouldDeployNothingWhenAnotherSitesPagePostsADiagramWithTheAdministratorsSession() {
    try (Browser browser = Browser.open(port)) {
      // given: the administrator is signed in to the panel
      browser.signIn(HttpApi.ADMIN, HttpApi.ADMIN_PASSWORD);

      // when: they open the other site's page, whose script submits the form
      browser.driver().get("http://localhost:" + otherSite.getAddress().getPort() + "/attack.html");
      browser.await(driver -> driver.getCurrentUrl().contains("/engine-rest/deployment/create"));

      // then: the browser went there with the cookie, and the engine deployed nothing
      String answer = browser.driver().getPageSource();
      assertThat(answer).containsAnyOf("\"status\":403", "\"status\":401");
      assertThat(repository.createDeploymentQuery().deploymentName(DEPLOYMENT).count()).isZero();
    }
  }

  private String attackPage() {
    String bpmn = CrossSiteRequestTests.harmlessDiagram("cross_site_attack");
    return """
        <!DOCTYPE html>
        <html><body>
        <form id="attack" method="post" enctype="multipart/form-data"
            action="http://localhost:%d/engine-rest/deployment/create">
          <input name="deployment-name" value="%s">
          <input type="file" name="attack.bpmn" id="diagram">
        </form>
        <script>
          const files = new DataTransfer();
          files.items.add(new File([%s], 'attack.bpmn', {type: 'application/octet-stream'}));
          document.getElementById('diagram').files = files.files;
          document.getElementById('attack').submit();
        </script>
        </body></html>
        """.formatted(port, DEPLOYMENT, jsString(bpmn));
  }

  private static String jsString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
  }
}
