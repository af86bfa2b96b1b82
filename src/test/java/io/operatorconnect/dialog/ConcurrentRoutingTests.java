package io.operatorconnect.dialog;

import io.operatorconnect.testsupport.OperatorConnectTest;

/** {@link ConcurrentRoutingScenario} on the embedded H2. */
@OperatorConnectTest
class ConcurrentRoutingTests extends ConcurrentRoutingScenario {
}
