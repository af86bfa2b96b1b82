package io.operatorconnect.process;

import java.util.Arrays;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the engine only after Flyway has migrated our tables. On a new database Flyway then meets an
 * empty schema (no baseline needed), and the engine's listeners never see a table missing.
 */
@Component
class EngineAfterFlyway implements BeanFactoryPostProcessor {

  static final String ENGINE = "processEngineFactoryBean";
  static final String FLYWAY = "flywayInitializer";

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    if (!beanFactory.containsBeanDefinition(ENGINE) || !beanFactory.containsBeanDefinition(FLYWAY)) {
      return;
    }
    BeanDefinition engine = beanFactory.getBeanDefinition(ENGINE);
    String[] dependsOn = engine.getDependsOn() == null ? new String[0] : engine.getDependsOn();
    if (!Arrays.asList(dependsOn).contains(FLYWAY)) {
      String[] withFlyway = Arrays.copyOf(dependsOn, dependsOn.length + 1);
      withFlyway[dependsOn.length] = FLYWAY;
      engine.setDependsOn(withFlyway);
    }
  }
}
