package io.operatorconnect.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Cockpit, Tasklist and Admin take the user Spring Security signed in (Camunda's container-based
 * authentication), so there is one login page and one session, and the webapps never show their own.
 */
@Configuration
class CamundaWebappSignOn {

  @Bean
  FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappAuthentication() {
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
    registration.setInitParameters(Map.of("authentication-provider", SignedInUser.class.getName()));
    // After the Spring Security filter chain (order -100), which has signed the user in by then.
    registration.setOrder(101);
    registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
    return registration;
  }

  /** Instantiated by the webapp filter by class name: the signed-in user and their identity-service groups. */
  public static class SignedInUser extends ContainerBasedAuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
      Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
      if (authentication == null || !authentication.isAuthenticated()) {
        return AuthenticationResult.unsuccessful();
      }
      String user = authentication.getName();
      AuthenticationResult result = AuthenticationResult.successful(user);
      result.setGroups(engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
          .map(Group::getId).toList());
      return result;
    }
  }
}
