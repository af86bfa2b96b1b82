package io.operatorconnect;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Operator Connect: a Camunda 7 engine that hands chat dialogs from bot scenarios to human operators. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OperatorConnectApplication {

  public static void main(String[] args) {
    SpringApplication.run(OperatorConnectApplication.class, args);
  }
}
