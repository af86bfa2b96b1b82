package io.operatorconnect.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The security filter's refusals as RFC 9457 problem documents, like every other error of the API:
 * 401 with a Basic challenge when credentials are missing or wrong, 403 when the role does not allow it.
 */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  static final String REALM = "Operator Connect";

  private final ObjectMapper json;

  ProblemResponses(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    // Scripts of our own pages say so (X-Requested-With), and an event stream cannot send headers but asks for
    // text/event-stream: no challenge for them, or the browser would pop up its own dialog.
    if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With")) && !asksForEventStream(request)) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
    }
    String detail = request.getHeader("Authorization") == null
        ? "sign in first: send HTTP Basic credentials of a user with a role (administrator, operator or integration)"
        : "wrong user name or password" + (e instanceof DisabledException ? "; " + e.getMessage() : "");
    write(response, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
    if (signedIn == null || signedIn instanceof AnonymousAuthenticationToken || !signedIn.isAuthenticated()) {
      // Refused before anybody signed in (a change without a CSRF token and without credentials): sign in first.
      commence(request, response, new InsufficientAuthenticationException(e.getMessage()));
      return;
    }
    if (e instanceof CsrfException) {
      write(response, HttpStatus.FORBIDDEN, "Forbidden", "this change needs the CSRF token of the session: send"
          + " the header and token that GET /api/me returns (csrf.headerName, csrf.token), or HTTP Basic credentials");
      return;
    }
    String user = "'" + signedIn.getName() + "'";
    write(response, HttpStatus.FORBIDDEN, "Forbidden", user + " may not " + request.getMethod() + " "
        + request.getRequestURI() + ": " + AccessRules.whoMay(request));
  }

  private static boolean asksForEventStream(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE);
  }

  private void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
