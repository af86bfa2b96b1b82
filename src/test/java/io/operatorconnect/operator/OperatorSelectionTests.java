package io.operatorconnect.operator;

import io.operatorconnect.testsupport.OperatorConnectTest;

/** {@link OperatorSelectionScenario} on the embedded H2. */
@OperatorConnectTest
class OperatorSelectionTests extends OperatorSelectionScenario {
}
