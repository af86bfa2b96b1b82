package io.operatorconnect.security;

import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code operator-connect.chat.*}, the part that decides who may use the web chat (channel.WebChatProperties
 * holds the rest).
 *
 * @param tokenTtl how long a chat's token opens its dialog after the chat started
 * @param startsPerAddress chats one source address may start per {@code startWindow}; more are refused with 429
 *     until the window refills (behind a proxy, set {@code server.forward-headers-strategy} so that the client's
 *     address is the one counted)
 * @param startWindow the window of {@code startsPerAddress}
 * @param tokenKey the key that signs the chats' tokens, in base64, at least 32 bytes; by default the nodes make one
 *     on first use and share it through the database ({@code oc_key}). Set it to rotate the key (every open chat's
 *     token stops working) or to keep it out of the database.
 * @param frameAncestors the pages allowed to show the chat in a frame (the widget), as a CSP
 *     {@code frame-ancestors} source list; {@code *} (any site) by default, since the widget goes on the
 *     desk's own sites
 */
@ConfigurationProperties("operator-connect.chat")
public record ChatAccessProperties(
    @DefaultValue("12h") Duration tokenTtl,
    @DefaultValue("10") int startsPerAddress,
    @DefaultValue("10m") Duration startWindow,
    String tokenKey,
    @DefaultValue("*") String frameAncestors) {

  public ChatAccessProperties {
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new IllegalArgumentException("operator-connect.chat.token-ttl must be positive, was " + tokenTtl);
    }
    if (startsPerAddress < 1) {
      throw new IllegalArgumentException("operator-connect.chat.starts-per-address must be at least 1, was "
          + startsPerAddress);
    }
    if (startWindow.isNegative() || startWindow.isZero()) {
      throw new IllegalArgumentException("operator-connect.chat.start-window must be positive, was " + startWindow);
    }
    if (tokenKey != null && !tokenKey.isBlank()) {
      byte[] key;
      try {
        key = Base64.getDecoder().decode(tokenKey.strip());
      } catch (IllegalArgumentException notBase64) {
        throw new IllegalArgumentException("operator-connect.chat.token-key must be base64 (openssl rand -base64 32)");
      }
      if (key.length < 32) {
        throw new IllegalArgumentException("operator-connect.chat.token-key must hold at least 32 bytes, has "
            + key.length + " (openssl rand -base64 32)");
      }
    }
    if (frameAncestors.isBlank() || frameAncestors.contains(";") || frameAncestors.contains(",")) {
      throw new IllegalArgumentException("operator-connect.chat.frame-ancestors is a space-separated CSP source list"
          + " such as \"https://shop.example\" or \"*\", was '" + frameAncestors + "'");
    }
  }
}
