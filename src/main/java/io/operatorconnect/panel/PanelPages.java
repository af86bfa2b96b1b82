package io.operatorconnect.panel;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operator panel's page ({@code static/panel/}) at {@code /panel/}, and the app's front door:
 * {@code /} leads to it, as Camunda's own redirect to its webapps is turned off.
 */
@Configuration(proxyBeanMethods = false)
class PanelPages implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/", "/panel/");
    registry.addRedirectViewController("/panel", "/panel/");
    // Static resources have no directory index outside the root: serve the page for its folder.
    registry.addViewController("/panel/").setViewName("forward:/panel/index.html");
  }
}
