package io.operatorconnect.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/me}: who is signed in, with which roles; for a session, the CSRF token its scripts must send. */
@RestController
class MeController {

  /** The header and value a signed-in page sends with every change (absent for HTTP Basic callers). */
  record Csrf(String headerName, String token) {
  }

  record Me(String id, List<Role> roles, Csrf csrf) {
  }

  @GetMapping("/api/me")
  Me me(HttpServletRequest request) {
    Caller caller = Caller.current();
    CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    return new Me(caller.id(), caller.roles().stream().sorted().toList(),
        token == null ? null : new Csrf(token.getHeaderName(), token.getToken()));
  }
}
