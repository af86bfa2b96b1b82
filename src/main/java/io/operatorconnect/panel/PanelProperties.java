package io.operatorconnect.panel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code operator-connect.panel.*}
 *
 * @param eventTimeout how long one event stream of the panel stays open; the page's browser then opens
 *                     a new one by itself (server-sent events reconnect), so this only bounds how long
 *                     a stream nobody reads can live
 * @param keepAlive    how often an idle stream gets a comment line: keeps proxies from closing it, and a
 *                     stream whose page is gone fails to write and is dropped
 */
@Validated
@ConfigurationProperties("operator-connect.panel")
public record PanelProperties(@DefaultValue("30m") Duration eventTimeout, @DefaultValue("20s") Duration keepAlive) {

  public PanelProperties {
    if (eventTimeout.isNegative() || eventTimeout.isZero() || keepAlive.isNegative() || keepAlive.isZero()) {
      throw new IllegalArgumentException("operator-connect.panel.event-timeout and keep-alive must be positive, not "
          + eventTimeout + " and " + keepAlive);
    }
  }
}
