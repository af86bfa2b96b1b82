package io.operatorconnect.channel;

import io.operatorconnect.testsupport.PostgresTest;

/** {@link OutboxSchemaScenario} on PostgreSQL. */
@PostgresTest
class OutboxSchemaPostgresTests extends OutboxSchemaScenario {
}
