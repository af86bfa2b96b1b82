package io.operatorconnect.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in from an address that has sent too many wrong passwords ({@link SignInFailures}), before
 * the password is checked: HTTP Basic credentials with 429 and {@code Retry-After}, the login form's post by
 * going back to the login page, which says for how long. Requests without credentials, and sessions
 * already signed in, pass.
 */
class SignInLimit extends OncePerRequestFilter {

  private final SignInFailures failures;
  private final ProblemResponses problems;

  SignInLimit(SignInFailures failures, ProblemResponses problems) {
    this.failures = failures;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !signsIn(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Duration> paused = failures.pausedFor(request.getRemoteAddr());
    if (paused.isPresent()) {
      long seconds = SignInPaused.seconds(paused.get());
      String message = "sign-in from your address is paused for " + seconds + " s after too many wrong"
          + " passwords; try again after that";
      if (carriesBasicCredentials(request)) {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Sign-in paused", message);
      } else {
        // the login form: back to the page, which tells its reader (SignInPage)
        request.getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION,
            new SignInPaused(message, paused.get()));
        response.sendRedirect(request.getContextPath() + SecurityConfiguration.LOGIN + "?error");
      }
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean signsIn(HttpServletRequest request) {
    return carriesBasicCredentials(request) || "POST".equals(request.getMethod())
        && (request.getContextPath() + SecurityConfiguration.LOGIN).equals(request.getRequestURI());
  }

  static boolean carriesBasicCredentials(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
  }
}
