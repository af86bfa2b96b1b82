package io.operatorconnect.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.system.Times;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The outbox keeps what is pending, failed and recently delivered; older deliveries are deleted. */
@OperatorConnectTest
class OutboxRetentionTests {

  @Autowired
  JdbcClient jdbc;
  @Autowired
  OutboxRetention retention;
  @Autowired
  ChannelProperties properties;

  @Test
  void shouldDeleteOnlyWhatWasDeliveredLongerAgoThanItKeepsDeliveries() {
    // given deliveries of all three states, from long ago and from just now
    Instant old = Instant.now().minus(properties.keepDelivered()).minus(Duration.ofHours(1));
    Instant recent = Instant.now().minus(Duration.ofMinutes(1));
    row("old-delivered", "DELIVERED", old);
    row("recent-delivered", "DELIVERED", recent);
    row("old-pending", "PENDING", null);
    row("old-failed", "FAILED", null);

    // when
    retention.deleteOldDeliveries();

    // then
    assertThat(jdbc.sql("SELECT id FROM oc_outbox ORDER BY id").query(String.class).list())
        .containsExactlyElementsOf(List.of("old-failed", "old-pending", "recent-delivered"));
  }

  private void row(String id, String state, Instant deliveredAt) {
    Instant created = Instant.now().minus(Duration.ofDays(30));
    jdbc.sql("""
            INSERT INTO oc_outbox (id, dialog_id, channel, client_id, type, created_at, state, next_attempt_at,
                                   give_up_at, delivered_at)
            VALUES (?, 'dialog-1', 'no-webhook', 'client-1', 'CLOSED', ?, ?, ?, ?, ?)""")
        .params(id, Times.toDb(created), state, Times.toDb(Instant.now().plus(Duration.ofDays(1))),
            Times.toDb(created.plus(Duration.ofDays(1))), Times.toDb(deliveredAt))
        .update();
  }
}
