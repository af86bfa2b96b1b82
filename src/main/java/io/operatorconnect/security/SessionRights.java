package io.operatorconnect.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Sessions that keep no rights the user has lost: on every request a session's user is compared with the
 * identity service (which Camunda Admin, {@code /engine-rest} and our API all change). A user who is gone,
 * whose password changed, or whose roles changed has their session ended; the request then counts as not
 * signed in. Machines that send HTTP Basic credentials are checked on every request anyway.
 */
class SessionRights implements SecurityContextRepository {

  private static final Logger log = LoggerFactory.getLogger(SessionRights.class);

  private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
  private final CamundaIdentityAuthentication identity;

  SessionRights(CamundaIdentityAuthentication identity) {
    this.identity = identity;
  }

  @Override
  public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
    DeferredSecurityContext stored = sessions.loadDeferredContext(request);
    return new DeferredSecurityContext() {
      private SecurityContext checked;

      @Override
      public SecurityContext get() {
        if (checked == null) {
          checked = stored.isGenerated() ? stored.get() : stillValid(request, stored);
        }
        return checked;
      }

      @Override
      public boolean isGenerated() {
        return stored.isGenerated() || get().getAuthentication() == null;
      }
    };
  }

  private SecurityContext stillValid(HttpServletRequest request, Supplier<SecurityContext> stored) {
    SecurityContext context = stored.get();
    Authentication authentication = context.getAuthentication();
    if (authentication == null
        || !(authentication.getDetails() instanceof CamundaIdentityAuthentication.Standing granted)) {
      return context;
    }
    var now = identity.standing(authentication.getName());
    if (now.isPresent() && now.get().equals(granted)) {
      return context;
    }
    log.info("session of {} ended: {}", authentication.getName(), now.isEmpty() ? "the user is gone"
        : now.get().passwordFingerprint().equals(granted.passwordFingerprint()) ? "their roles changed"
            : "their password changed");
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return SecurityContextHolder.createEmptyContext();
  }

  @Override
  @Deprecated
  public SecurityContext loadContext(HttpRequestResponseHolder holder) {
    return loadDeferredContext(holder.getRequest()).get();
  }

  @Override
  public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    sessions.saveContext(context, request, response);
  }

  @Override
  public boolean containsContext(HttpServletRequest request) {
    return sessions.containsContext(request);
  }
}
