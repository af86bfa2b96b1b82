package io.operatorconnect.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs in the web chat's client by their dialog's token: {@code Authorization: Bearer <token>}, or, for the
 * event stream alone (a browser's EventSource sends no headers), the {@code token} query parameter. A token
 * that is forged, changed or expired is refused here with a 401 problem saying which; a request without one
 * goes on anonymous, and the access rules decide.
 */
class ClientTokenFilter extends OncePerRequestFilter {

  private final ClientTokens tokens;
  private final ProblemResponses problems;

  ClientTokenFilter(ClientTokens tokens, ProblemResponses problems) {
    this.tokens = tokens;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String token = tokenOf(request);
    if (token == null) {
      chain.doFilter(request, response);
      return;
    }
    try {
      SecurityContext context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(new ClientAuthentication(tokens.check(token)));
      SecurityContextHolder.setContext(context);
      chain.doFilter(request, response);
    } catch (ClientTokens.RefusedToken refused) {
      problems.write(response, HttpStatus.UNAUTHORIZED, "Chat token refused", refused.getMessage());
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  private static String tokenOf(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).strip();
    }
    if ("GET".equals(request.getMethod()) && request.getRequestURI().endsWith("/events")) {
      return request.getParameter("token");
    }
    return null;
  }
}
