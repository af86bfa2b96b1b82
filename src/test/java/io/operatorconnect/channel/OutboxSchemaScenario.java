package io.operatorconnect.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's table after every migration, on H2 ({@link OutboxSchemaTests}) and PostgreSQL
 * ({@link OutboxSchemaPostgresTests}): migration 11 ({@link OutboxSeqWithoutIndex}) found and dropped the unique
 * constraint on {@code seq} under the name each database gave it, and {@code seq} still numbers the deliveries in
 * the order they are written.
 */
abstract class OutboxSchemaScenario {

  @Autowired
  JdbcClient jdbc;

  @Test
  void shouldKeepOnlyThePrimaryKeyAsAConstraintOfItsOwnAndStillNumberInOrder() {
    assertThat(jdbc.sql("""
            SELECT constraint_type FROM information_schema.table_constraints
            WHERE LOWER(table_name) = 'oc_outbox' AND table_schema = CURRENT_SCHEMA
              AND constraint_type IN ('UNIQUE', 'PRIMARY KEY')""").query(String.class).list())
        .containsExactly("PRIMARY KEY");
    assertThat(jdbc.sql("SELECT \"success\" FROM \"flyway_schema_history\" WHERE \"version\" = '11'").query(Boolean.class)
        .single()).isTrue();

    for (String id : new String[] {"schema-a", "schema-b"}) {
      jdbc.sql("""
              INSERT INTO oc_outbox (id, dialog_id, channel, client_id, type, created_at, state, next_attempt_at,
                                     give_up_at)
              VALUES (?, 'schema-dialog', 'telegram', 'c', 'CLOSED', CURRENT_TIMESTAMP, 'DELIVERED',
                      CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""").param(id).update();
    }
    assertThat(jdbc.sql("SELECT id FROM oc_outbox WHERE dialog_id = 'schema-dialog' ORDER BY seq")
        .query(String.class).list()).containsExactly("schema-a", "schema-b");
  }
}
