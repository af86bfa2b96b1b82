package io.operatorconnect.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
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
 * 401 when credentials are missing or wrong, 403 when the role does not allow it. No refusal carries a
 * Basic challenge ({@code WWW-Authenticate: Basic}): a browser would answer it with its own sign-in
 * dialog, and then send the remembered credentials with requests that other sites make it send. Machines
 * send their credentials with the first request (curl {@code -u}, Prometheus' {@code basic_auth}).
 */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ObjectMapper json;

  ProblemResponses(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (e instanceof SignInPaused paused) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(paused.retryAfter().toSeconds()));
      write(response, HttpStatus.UNAUTHORIZED, "Sign-in paused", paused.getMessage());
      return;
    }
    String detail = request.getHeader("Authorization") == null
        ? "sign in first: on the login page (/login), or with HTTP Basic credentials sent with the request, of a"
            + " user with a role (administrator, operator or integration)"
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

  /** An exception's sentence as the middle of a detail. */
  static String lowerFirst(String message) {
    return message == null || message.isEmpty() ? "" : Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }

  void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
