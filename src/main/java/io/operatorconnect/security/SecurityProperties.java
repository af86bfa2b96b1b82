package io.operatorconnect.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code operator-connect.security.*}
 *
 * @param allowedOrigins origins besides the app's own (scheme://host[:port]) whose pages may send changes,
 *     for a panel or web chat served from another host; empty by default
 * @param signInFailures wrong passwords one source address may send per {@code signInWindow} before its
 *     sign-ins are refused with 429 until the window refills
 * @param signInWindow the window of {@code signInFailures}
 */
@ConfigurationProperties("operator-connect.security")
public record SecurityProperties(
    @DefaultValue List<String> allowedOrigins,
    @DefaultValue("10") int signInFailures,
    @DefaultValue("1m") Duration signInWindow) {

  public SecurityProperties {
    if (signInFailures < 1) {
      throw new IllegalArgumentException("operator-connect.security.sign-in-failures must be at least 1, was "
          + signInFailures);
    }
    if (signInWindow.isNegative() || signInWindow.isZero()) {
      throw new IllegalArgumentException("operator-connect.security.sign-in-window must be positive, was "
          + signInWindow);
    }
    allowedOrigins = allowedOrigins.stream().map(SameOriginRequests::normalize).toList();
  }
}
