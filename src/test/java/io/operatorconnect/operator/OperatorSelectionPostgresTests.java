package io.operatorconnect.operator;

import io.operatorconnect.testsupport.PostgresTest;

/** {@link OperatorSelectionScenario} on PostgreSQL. */
@PostgresTest
class OperatorSelectionPostgresTests extends OperatorSelectionScenario {
}
