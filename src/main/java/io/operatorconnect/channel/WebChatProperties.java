package io.operatorconnect.channel;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code operator-connect.chat.*}: the web chat (security.ChatAccessProperties holds who may use it).
 *
 * @param scenarios the scenarios a client may start a chat on (the page's {@code data-scenario}); the first is
 *     the one started when the page names none. Only these: a client must not start any process deployed.
 * @param refresh how often an open chat page is brought up to date with what no event on this node announced
 *     (a message written on another node, the queue moving ahead of it, a new estimate of the wait)
 * @param streamTimeout how long one event stream stays open before the page reconnects
 */
@ConfigurationProperties("operator-connect.chat")
public record WebChatProperties(
    @DefaultValue("support_chat") List<String> scenarios,
    @DefaultValue("2s") Duration refresh,
    @DefaultValue("30m") Duration streamTimeout) {

  public WebChatProperties {
    if (scenarios.isEmpty() || scenarios.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("operator-connect.chat.scenarios must name at least one scenario, was "
          + scenarios);
    }
    if (refresh.isNegative() || refresh.isZero()) {
      throw new IllegalArgumentException("operator-connect.chat.refresh must be positive, was " + refresh);
    }
    scenarios = List.copyOf(scenarios);
  }
}
