package io.operatorconnect.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/** Who may use a web chat's dialog: the client holding its token. The refusals say what to do. */
final class ClientAccess {

  private ClientAccess() {
  }

  /** {@code /chat/api/dialogs/{dialogId}/**}: only with a token of that very dialog. */
  static AuthorizationDecision ownDialog(Supplier<Authentication> authentication, RequestAuthorizationContext request) {
    return new AuthorizationDecision(authentication.get() instanceof ClientAuthentication client
        && client.dialogId().equals(request.getVariables().get("dialogId")));
  }

  /** 401 without a token, 403 with the token of another dialog; both as problem documents. */
  static Refusals refusals(ProblemResponses problems) {
    return new Refusals(problems);
  }

  static final class Refusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemResponses problems;

    private Refusals(ProblemResponses problems) {
      this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
        throws IOException {
      problems.write(response, HttpStatus.UNAUTHORIZED, "Chat token needed", "this needs the chat's token"
          + " (Authorization: Bearer <token>), which starting a chat returns: POST /chat/api/dialogs");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
        throws IOException {
      if (!(SecurityContextHolder.getContext().getAuthentication() instanceof ClientAuthentication client)) {
        commence(request, response, null);
        return;
      }
      boolean ownDialogPath = request.getRequestURI().startsWith(request.getContextPath() + "/chat/api/dialogs/"
          + client.dialogId());
      problems.write(response, HttpStatus.FORBIDDEN, "Forbidden", ownDialogPath
          ? "a chat token does not open " + request.getMethod() + " " + request.getRequestURI()
          : "this chat token opens its own dialog only, not this one");
    }
  }
}
