package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.testsupport.OperatorConnectTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A transaction asks once whether a client is banned, and sees the bans and unbans it makes itself. */
@OperatorConnectTest
class BannedClientsInTransactionTests {

  @Autowired
  BannedClients bans;
  @Autowired
  PlatformTransactionManager transactions;

  @Test
  void shouldSeeABanAndAnUnbanMadeInTheSameTransaction() {
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      assertThat(bans.isBanned("client-1")).isFalse();
      assertThat(bans.ban("client-1", "spam", null, "admin")).isTrue();
      assertThat(bans.isBanned("client-1")).isTrue();
      assertThat(bans.unban("client-1")).isTrue();
      assertThat(bans.isBanned("client-1")).isFalse();
    });
  }
}
