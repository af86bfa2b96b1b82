package io.operatorconnect.system;

import io.operatorconnect.routing.Router;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans that several features share and tests replace: the clock and the routing core. */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  Router router() {
    return new Router(new SecureRandom());
  }
}
