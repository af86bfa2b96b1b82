package io.operatorconnect.security;

import static io.operatorconnect.security.Role.ADMIN;
import static io.operatorconnect.security.Role.INTEGRATION;
import static io.operatorconnect.security.Role.OPERATOR;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which role may call which path, first match wins. One table serves both the security filter and
 * the 403 message that tells the caller who may. Finer rules that depend on the data (an operator
 * acts only on their own dialogs and status) are checked by the resources with {@link Caller}.
 */
final class AccessRules {

  /** One line of the table; no roles means open to everybody, signed in or not. */
  record Rule(HttpMethod method, List<String> patterns, Set<Role> roles) {

    RequestMatcher matcher() {
      PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
      List<RequestMatcher> matchers = patterns.stream().<RequestMatcher>map(pattern -> paths.matcher(method, pattern))
          .toList();
      return request -> matchers.stream().anyMatch(matcher -> matcher.matches(request));
    }
  }

  static final List<Rule> RULES = List.of(
      open("/actuator/health", "/actuator/health/**", "/error", "/favicon.ico", "/sign-in/**", "/theme/**"),
      rule(null, roles(ADMIN, INTEGRATION), "/actuator/**"),
      rule(null, roles(ADMIN), "/engine-rest/**"),
      // Tasklist asks who is signed in through the admin app's auth resource.
      rule(null, roles(ADMIN, OPERATOR), "/camunda/api/admin/auth/**"),
      rule(null, roles(ADMIN), "/camunda/app/cockpit/**", "/camunda/app/admin/**", "/camunda/api/cockpit/**",
          "/camunda/api/admin/**", "/camunda/app/welcome/**"),
      rule(null, roles(ADMIN, OPERATOR), "/camunda/**"),
      rule(HttpMethod.GET, roles(ADMIN, OPERATOR, INTEGRATION), "/api/me", "/api/settings"),
      rule(HttpMethod.PUT, roles(ADMIN), "/api/settings"),
      rule(HttpMethod.POST, roles(ADMIN), "/api/operators"),
      rule(HttpMethod.PATCH, roles(ADMIN), "/api/operators/*"),
      rule(null, roles(ADMIN, OPERATOR), "/api/operators/*/status", "/api/operators/*/heartbeat",
          "/api/operators/*/redistribute"),
      rule(HttpMethod.GET, roles(ADMIN, OPERATOR), "/api/operators", "/api/operators/*"),
      rule(HttpMethod.POST, roles(ADMIN, INTEGRATION), "/api/dialogs"),
      rule(null, roles(ADMIN, OPERATOR), "/api/dialogs/*/accept", "/api/dialogs/*/transfer",
          "/api/dialogs/*/return-to-queue", "/api/dialogs/*/return-to-bot", "/api/dialogs/*/decisions"),
      rule(null, roles(ADMIN, OPERATOR, INTEGRATION), "/api/dialogs/**"),
      rule(HttpMethod.GET, roles(ADMIN), "/api/panel/work"),
      rule(null, roles(ADMIN, OPERATOR), "/api/queue", "/api/panel/**", "/api/clients/**", "/panel/**"),
      rule(HttpMethod.GET, roles(ADMIN, OPERATOR), "/api/bans"),
      rule(null, roles(ADMIN), "/api/**"),
      rule(null, roles(ADMIN, OPERATOR, INTEGRATION), "/**"));

  private AccessRules() {
  }

  static void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry) {
    // An async dispatch finishes a request that was authorized when it came in (the panel's event
    // stream when it ends); it carries no credentials of its own, so the rules below would refuse it.
    registry.dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll();
    for (Rule rule : RULES) {
      var paths = registry.requestMatchers(rule.matcher());
      if (rule.roles().isEmpty()) {
        paths.permitAll();
      } else {
        paths.hasAnyRole(rule.roles().stream().map(Role::name).toArray(String[]::new));
      }
    }
  }

  /** "only administrators", "administrators and operators", ...: for the 403 message. */
  static String whoMay(HttpServletRequest request) {
    return RULES.stream().filter(rule -> rule.matcher().matches(request)).findFirst()
        .map(rule -> "allowed to " + rule.roles().stream().map(AccessRules::plural).collect(Collectors.joining(", ")))
        .orElse("not allowed");
  }

  private static String plural(Role role) {
    return switch (role) {
      case ADMIN -> "administrators";
      case OPERATOR -> "operators";
      case INTEGRATION -> "integrations";
    };
  }

  private static Rule open(String... patterns) {
    return new Rule(null, List.of(patterns), Set.of());
  }

  private static Rule rule(HttpMethod method, Set<Role> roles, String... patterns) {
    return new Rule(method, Arrays.asList(patterns), roles);
  }

  private static Set<Role> roles(Role first, Role... rest) {
    return EnumSet.of(first, rest);
  }
}
