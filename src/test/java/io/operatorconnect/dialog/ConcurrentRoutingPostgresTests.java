package io.operatorconnect.dialog;

import io.operatorconnect.testsupport.PostgresTest;

/** {@link ConcurrentRoutingScenario} on PostgreSQL. */
@PostgresTest
class ConcurrentRoutingPostgresTests extends ConcurrentRoutingScenario {
}
