package io.operatorconnect.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One sign-in for everything the app serves: our API, the operator panel, {@code /engine-rest} and the
 * Camunda webapps. People sign in once on the login page and hold a session, which the webapps share
 * through {@link CamundaWebappSignOn}; machines send HTTP Basic credentials with every request and get no
 * session. The README's Security section says what each path accepts and why.
 */
@Configuration
class SecurityConfiguration {

  static final String LOGIN = "/login";

  /**
   * The operator panel's pages and the login page run only the app's own scripts and styles: an injected
   * script or style attribute does not run, nothing is loaded from elsewhere, and no other site frames them.
   */
  static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

  /**
   * {@code /engine-rest}: HTTP Basic on every request, never the session. Whatever it is allowed to do
   * (deploy a diagram, which may run any Java through its expressions; add users to groups), a page of
   * another site cannot make a signed-in administrator's browser do it: the browser's cookie does not count
   * here, and the CSRF token would add nothing, since a request without a session has nothing to forge.
   */
  @Bean
  @Order(1)
  SecurityFilterChain engineRest(HttpSecurity http, ProblemResponses problems, SignInFailures failures,
      SecurityProperties properties) throws Exception {
    return commonTo(http.securityMatcher(PATHS.matcher("/engine-rest/**")), problems, failures, properties)
        .httpBasic(basic -> basic.authenticationEntryPoint(problems))
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .csrf(csrf -> csrf.disable())
        .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain everythingElse(HttpSecurity http, ProblemResponses problems, SignInFailures failures,
      SecurityProperties properties, CamundaIdentityAuthentication identity) throws Exception {
    RequestMatcher machineApis = new OrRequestMatcher(PATHS.matcher("/api/**"), PATHS.matcher("/actuator/**"),
        PATHS.matcher("/camunda/api/**"));
    // A page asked for before signing in is shown after it; an API call is not remembered, so that an
    // anonymous call leaves no session behind.
    HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
    pagesOnly.setRequestMatcher(new NegatedRequestMatcher(machineApis));
    RequestMatcher pages = new OrRequestMatcher(PATHS.matcher("/"), PATHS.matcher("/panel/**"),
        PATHS.matcher(LOGIN), PATHS.matcher("/logout"), PATHS.matcher("/sign-in/**"));
    return commonTo(http, problems, failures, properties)
        .httpBasic(basic -> basic.authenticationEntryPoint(problems))
        .formLogin(form -> form.loginPage(LOGIN).permitAll())
        .logout(logout -> logout.logoutSuccessUrl(LOGIN + "?logout"))
        .securityContext(context -> context.securityContextRepository(new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new SessionRights(identity))))
        .requestCache(cache -> cache.requestCache(pagesOnly))
        .exceptionHandling(errors -> errors
            // An API call gets a 401 problem; a page in a browser goes to the login page.
            .defaultAuthenticationEntryPointFor(problems, machineApis)
            .accessDeniedHandler(problems))
        .csrf(csrf -> csrf
            .csrfTokenRepository(new NoSessionForApiCalls())
            // A request that carries its credentials has nothing a forger could borrow but credentials
            // a browser remembered, and SameOriginRequests refuses those from other sites; the webapps
            // bring their own CSRF protection (Camunda's XSRF-TOKEN cookie and header).
            .ignoringRequestMatchers(SignInLimit::carriesBasicCredentials)
            .ignoringRequestMatchers(PATHS.matcher("/camunda/**")))
        .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(pages,
            new StaticHeadersWriter("Content-Security-Policy", PAGE_POLICY))))
        .build();
  }

  /** What both chains do before anybody is signed in: refuse changes from other sites, and pause guessers. */
  private static HttpSecurity commonTo(HttpSecurity http, ProblemResponses problems, SignInFailures failures,
      SecurityProperties properties) throws Exception {
    return http
        .authorizeHttpRequests(AccessRules::apply)
        .addFilterBefore(new SameOriginRequests(properties.allowedOrigins(), problems), CsrfFilter.class)
        .addFilterBefore(new SignInLimit(failures, problems), CsrfFilter.class);
  }

  @Bean
  ProblemResponses problemResponses(ObjectMapper json) {
    return new ProblemResponses(json);
  }

  /** Publishes the end of every session (sign-out, expiry) as a Spring event: the panel closes its event streams. */
  @Bean
  HttpSessionEventPublisher sessionEvents() {
    return new HttpSessionEventPublisher();
  }

  /**
   * The session's CSRF token, but no session made for an API call that has none: such a call is refused
   * all the same (it needs credentials, or a session's token), and keeping a token for it would keep a
   * session in memory for every anonymous request.
   */
  private static final class NoSessionForApiCalls implements CsrfTokenRepository {

    private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
      return sessions.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
      boolean apiCall = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
      if (apiCall && request.getSession(false) == null) {
        return;
      }
      sessions.saveToken(token, request, response);
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
      return sessions.loadToken(request);
    }
  }
}
