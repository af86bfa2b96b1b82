package io.operatorconnect.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
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

  /** Where a web chat starts: open to anybody, counted per address ({@link ChatStartLimit}). */
  static final String CHAT_START = "/chat/api/dialogs";

  /**
   * The operator panel's pages and the login page run only the app's own scripts and styles: an injected
   * script or style attribute does not run, nothing is loaded from elsewhere, and no other site frames them.
   */
  static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

  /**
   * The web chat ({@code /chat}): its pages and the start of a chat are open to anybody (the start counted per
   * address); everything else about a chat needs that chat's token ({@link ClientTokens}), which opens its own
   * dialog and no other, and nothing outside {@code /chat}: the other chains do not know it. No session and no
   * cookie: a token sent by the page's script is nothing another site can make a browser send, so there is no
   * CSRF to guard against; changes from other sites' pages are refused all the same. The chat's page may be
   * shown in a frame by the sites of {@code operator-connect.chat.frame-ancestors} (the widget).
   */
  @Bean
  @Order(0)
  SecurityFilterChain webChat(HttpSecurity http, ProblemResponses problems, ClientTokens tokens,
      SecurityProperties properties, ChatAccessProperties chat) throws Exception {
    String chatPolicy = PAGE_POLICY.replace("frame-ancestors 'none'", "frame-ancestors " + chat.frameAncestors());
    return http.securityMatcher(PATHS.matcher("/chat/**"))
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
            .requestMatchers(PATHS.matcher(HttpMethod.POST, CHAT_START)).permitAll()
            .requestMatchers(PATHS.matcher("/chat/api/dialogs/{dialogId}/**")).access(ClientAccess::ownDialog)
            .requestMatchers(PATHS.matcher("/chat/api/**")).denyAll()
            .requestMatchers(PATHS.matcher(HttpMethod.GET, "/chat/**")).permitAll()
            .anyRequest().denyAll())
        .addFilterBefore(new SameOriginRequests(properties.allowedOrigins(), problems), CsrfFilter.class)
        .addFilterBefore(new ChatStartLimit(chat, problems), CsrfFilter.class)
        .addFilterBefore(new ClientTokenFilter(tokens, problems), AnonymousAuthenticationFilter.class)
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .csrf(csrf -> csrf.disable())
        .exceptionHandling(errors -> errors.authenticationEntryPoint(ClientAccess.refusals(problems))
            .accessDeniedHandler(ClientAccess.refusals(problems)))
        .headers(headers -> headers.frameOptions(frames -> frames.disable())
            .addHeaderWriter(new StaticHeadersWriter("Content-Security-Policy", chatPolicy)))
        .build();
  }

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

  /**
   * A URL the firewall refuses (an empty segment such as {@code /api/dialogs//close}, an encoded slash, a
   * {@code ..}) is answered as a problem document too, not with the servlet container's error page.
   */
  @Bean
  RequestRejectedHandler requestRejected(ProblemResponses problems) {
    return (request, response, rejected) -> problems.write(response, HttpStatus.BAD_REQUEST, "Malformed URL",
        "the URL " + request.getRequestURI() + " is refused: " + ProblemResponses.lowerFirst(rejected.getMessage())
            + (request.getRequestURI().contains("//") ? "; an empty path segment: is an id missing?" : ""));
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
