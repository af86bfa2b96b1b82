package io.operatorconnect.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every change (a method other than GET, HEAD, OPTIONS, TRACE) that a browser sends from a page
 * of another origin, whatever credentials it carries: a session cookie, HTTP Basic credentials the browser
 * remembered, or none. Browsers name the page's origin in {@code Origin} on every cross-origin change
 * (a plain form post included) and say where the request comes from in {@code Sec-Fetch-Site}; a page on
 * another port of the same host is another origin. Machines (curl, an integration, Camunda Modeler) send
 * neither header and are not affected.
 */
class SameOriginRequests extends OncePerRequestFilter {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final List<String> allowedOrigins;
  private final ProblemResponses problems;

  SameOriginRequests(List<String> allowedOrigins, ProblemResponses problems) {
    this.allowedOrigins = allowedOrigins;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String refusal = SAFE.contains(request.getMethod()) ? null : refusal(request);
    if (refusal != null) {
      problems.write(response, HttpStatus.FORBIDDEN, "Cross-origin request refused", refusal);
      return;
    }
    chain.doFilter(request, response);
  }

  /** Why the change is refused, or null when it comes from the app's own pages or from no browser page. */
  String refusal(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if (origin != null && !allowed(origin, request)) {
      return "a " + request.getMethod() + " from a page of " + origin + " is refused: changes are accepted only"
          + " from the app's own pages (" + own(request) + ") and from clients that are not browsers;"
          + " an administrator may allow another origin with operator-connect.security.allowed-origins";
    }
    String site = request.getHeader("Sec-Fetch-Site");
    if (origin == null && site != null && !site.equals("same-origin") && !site.equals("none")) {
      return "a " + request.getMethod() + " that the browser marks " + site + " is refused: changes are accepted"
          + " only from the app's own pages";
    }
    return null;
  }

  private boolean allowed(String origin, HttpServletRequest request) {
    String normalized;
    try {
      normalized = normalize(origin);
    } catch (IllegalArgumentException e) {
      return false; // "null" (a sandboxed frame, a file) and anything else that names no origin
    }
    return normalized.equals(own(request)) || allowedOrigins.contains(normalized);
  }

  /** The origin the request was sent to, as the client saw it (with forwarded headers, when trusted). */
  private static String own(HttpServletRequest request) {
    return normalize(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort());
  }

  /** {@code scheme://host[:port]} in lower case, without the scheme's default port. */
  static String normalize(String origin) {
    URI uri;
    try {
      uri = URI.create(origin.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + origin + "' is not an origin (scheme://host[:port])", e);
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("'" + origin + "' is not an origin (scheme://host[:port])");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }
}
