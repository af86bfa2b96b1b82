package io.operatorconnect.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /login}: the sign-in form. Spring Security's own page says "Invalid credentials" whatever went
 * wrong; this one says when sign-in is paused and for how long, and that a user has no role. It runs no
 * script and loads only its own style sheet (the page's Content-Security-Policy allows nothing else).
 */
@Controller
class SignInPage {

  @GetMapping(value = SecurityConfiguration.LOGIN, produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String page(HttpServletRequest request) {
    String message = null;
    boolean error = false;
    if (request.getParameter("error") != null) {
      message = failure(request.getSession(false));
      error = true;
    } else if (request.getParameter("logout") != null) {
      message = "You have signed out.";
    }
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    String base = request.getContextPath();
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Sign in · Operator Connect</title>
          <link rel="icon" href="data:,">
          <link rel="stylesheet" href="%1$s/theme/theme.css">
          <link rel="stylesheet" href="%1$s/sign-in/sign-in.css">
        </head>
        <body>
        <main>
          <h1>Operator Connect</h1>
          %2$s
          <form method="post" action="%1$s%3$s">
            <label for="username">User name</label>
            <input id="username" name="username" autocomplete="username" required autofocus>
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <input name="%4$s" type="hidden" value="%5$s">
            <button type="submit">Sign in</button>
          </form>
        </main>
        </body>
        </html>
        """.formatted(base, message == null ? "" : "<p class=\"message" + (error ? " error\" role=\"alert\"" : "\"")
            + ">" + HtmlUtils.htmlEscape(message) + "</p>", SecurityConfiguration.LOGIN,
        HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
  }

  /** Why the last sign-in of this browser failed, in words its user can act on. */
  private static String failure(HttpSession session) {
    Object last = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    if (last instanceof SignInPaused || last instanceof DisabledException) {
      return sentence(((Exception) last).getMessage());
    }
    return "Wrong user name or password.";
  }

  /** The API's lower-case detail as a sentence on the page. */
  private static String sentence(String detail) {
    return Character.toUpperCase(detail.charAt(0)) + detail.substring(1) + ".";
  }
}
