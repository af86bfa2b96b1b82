package io.operatorconnect.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.routing.DistributionMethod;
import io.operatorconnect.testsupport.OperatorConnectTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The settings a transaction reads once are the ones it saved, when it saves them. */
@OperatorConnectTest
class PanelSettingsInTransactionTests {

  @Autowired
  PanelSettingsRepository settings;
  @Autowired
  PlatformTransactionManager transactions;

  @Test
  void shouldReadTheSettingsItSavedInTheSameTransaction() {
    PanelSettings changed = new PanelSettings(false, DistributionMethod.ROUND_ROBIN, false);
    PanelSettings seen = new TransactionTemplate(transactions).execute(status -> {
      assertThat(settings.get()).isNotEqualTo(changed);
      settings.save(changed);
      return settings.get();
    });
    assertThat(seen).isEqualTo(changed);
    assertThat(settings.get()).isEqualTo(changed);
  }
}
