package io.operatorconnect.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One sign-in for everything the app serves: our API, the operator panel, {@code /engine-rest} and the
 * Camunda webapps. Machines send HTTP Basic credentials on every request (no session is made for them);
 * people sign in once on the login page and hold a session, which the webapps share through
 * {@link CamundaWebappSignOn}.
 */
@Configuration
class SecurityConfiguration {

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectMapper json) throws Exception {
    ProblemResponses problems = new ProblemResponses(json);
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    RequestMatcher machineApis = new OrRequestMatcher(paths.matcher("/api/**"), paths.matcher("/engine-rest/**"),
        paths.matcher("/actuator/**"), paths.matcher("/camunda/api/**"));
    return http
        .authorizeHttpRequests(AccessRules::apply)
        .httpBasic(basic -> basic.realmName(ProblemResponses.REALM).authenticationEntryPoint(problems))
        .formLogin(form -> form.permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .exceptionHandling(errors -> errors
            // An API call gets a 401 problem; a page in a browser goes to the login page.
            .defaultAuthenticationEntryPointFor(problems, machineApis)
            .accessDeniedHandler(problems))
        .csrf(csrf -> csrf
            // A request that carries its credentials cannot be forged by another site; the webapps
            // bring their own CSRF protection.
            .ignoringRequestMatchers(SecurityConfiguration::carriesBasicCredentials)
            .ignoringRequestMatchers(paths.matcher("/camunda/**"), paths.matcher("/engine-rest/**")))
        .build();
  }

  /** Publishes the end of every session (sign-out, expiry) as a Spring event: the panel closes its event streams. */
  @Bean
  HttpSessionEventPublisher sessionEvents() {
    return new HttpSessionEventPublisher();
  }

  private static boolean carriesBasicCredentials(jakarta.servlet.http.HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
  }
}
