package io.operatorconnect.process;

import java.util.Arrays;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the engine only after Flyway has migrated our tables, and only while this node holds the
 * {@link ClusterStartupLock}. On a new database Flyway then meets an empty schema (no baseline
 * needed), the engine's listeners never see a table missing, and two nodes never create the engine's
 * schema at once.
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
    dependOn(engine, FLYWAY);
    if (beanFactory.containsBeanDefinition(ClusterStartupLock.BEAN)) {
      dependOn(engine, ClusterStartupLock.BEAN);
    }
  }

  private static void dependOn(BeanDefinition bean, String other) {
    String[] dependsOn = bean.getDependsOn() == null ? new String[0] : bean.getDependsOn();
    if (!Arrays.asList(dependsOn).contains(other)) {
      String[] more = Arrays.copyOf(dependsOn, dependsOn.length + 1);
      more[dependsOn.length] = other;
      bean.setDependsOn(more);
    }
  }
}
