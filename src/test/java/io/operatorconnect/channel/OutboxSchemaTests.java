package io.operatorconnect.channel;

import io.operatorconnect.testsupport.OperatorConnectTest;

/** {@link OutboxSchemaScenario} on H2, the embedded default. */
@OperatorConnectTest
class OutboxSchemaTests extends OutboxSchemaScenario {
}
