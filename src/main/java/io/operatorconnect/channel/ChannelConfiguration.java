package io.operatorconnect.channel;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ClientGateway clientGateway() {
    return new LoggingClientGateway();
  }
}
