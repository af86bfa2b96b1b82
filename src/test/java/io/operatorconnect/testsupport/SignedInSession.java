package io.operatorconnect.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client that signs in on the login page and then holds the session cookie, as a browser does: no
 * credentials on the later requests, only the cookie. {@code host} lets a test come from another
 * loopback address (127.0.0.2, ...), which the server sees as another source.
 */
public final class SignedInSession {

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();

  public SignedInSession(int port) {
    this("localhost", port);
  }

  public SignedInSession(String host, int port) {
    this.base = "http://" + host + ":" + port;
  }

  /** Posts the login form with its CSRF token; the answer is the redirect (302) the form gets. */
  public HttpResponse<String> signIn(String user, String password) {
    String page = get("/login").body();
    Matcher token = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(page);
    assertThat(token.find()).as("the login page carries a CSRF token: %s", page).isTrue();
    String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
    return send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).header("Accept", "application/json, text/html"));
  }

  /** A request to the app, to be completed by the caller; the session cookie is added when sent. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A cookie the app has set, by name. */
  public Optional<String> cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals(name))
        .map(HttpCookie::getValue).findFirst();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
