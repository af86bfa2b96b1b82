package io.operatorconnect.channel;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The web chat's page ({@code static/chat/}) at {@code /chat/}; {@code /chat/widget.js} puts it on any page. */
@Configuration(proxyBeanMethods = false)
class WebChatPages implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/chat", "/chat/").setKeepQueryParams(true);
    registry.addViewController("/chat/").setViewName("forward:/chat/index.html");
  }
}
