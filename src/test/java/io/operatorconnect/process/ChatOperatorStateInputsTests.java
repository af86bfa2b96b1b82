package io.operatorconnect.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.operatorconnect.process.ChatOperatorStateInputs.Assign;
import io.operatorconnect.process.ChatOperatorStateInputs.Mode;
import io.operatorconnect.process.ChatOperatorStateInputs.Request;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatOperatorStateInputsTests {

  @Test
  void shouldReadEveryInput() {
    // when
    Request request = ChatOperatorStateInputs.read(Map.of("mode", "OPERATOR_TAKEOVER", "assign", "specific",
        "group", "support", "operator", "anna", "only_online", "false"));

    // then
    assertThat(request).isEqualTo(new Request(Mode.OPERATOR_TAKEOVER, Assign.SPECIFIC, "support", "anna", false));
  }

  @Test
  void shouldLeaveOutWhatIsNotGivenAndSelectOnlyOnlineOperatorsByDefault() {
    // when
    Request request = ChatOperatorStateInputs.read(Map.of("mode", "chatbot_controlled"));

    // then
    assertThat(request).isEqualTo(new Request(Mode.CHATBOT_CONTROLLED, null, null, null, true));
  }

  @Test
  void shouldRefuseAMissingModeNamingTheModes() {
    // when / then
    assertThatThrownBy(() -> ChatOperatorStateInputs.read(Map.of("assign", "RANDOM")))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("mode is missing; use one of REQUEST_OPERATOR, OPERATOR_TAKEOVER, CHATBOT_CONTROLLED");
  }

  @Test
  void shouldRefuseAnUnknownModeNamingTheModes() {
    // when / then
    assertThatThrownBy(() -> ChatOperatorStateInputs.read(Map.of("mode", "TAKEOVER")))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("mode 'TAKEOVER' is not allowed; use one of REQUEST_OPERATOR, OPERATOR_TAKEOVER, "
            + "CHATBOT_CONTROLLED");
  }

  @Test
  void shouldRefuseAnUnknownAssignmentNamingTheAssignments() {
    // when / then
    assertThatThrownBy(() -> ChatOperatorStateInputs.read(Map.of("mode", "OPERATOR_TAKEOVER", "assign", "FIRST")))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("assign 'FIRST' is not allowed; use one of RANDOM, LESS_BUSY, SPECIFIC");
  }

  @Test
  void shouldRefuseASpecificAssignmentWithoutAnOperator() {
    // when / then
    assertThatThrownBy(() -> ChatOperatorStateInputs.read(Map.of("mode", "OPERATOR_TAKEOVER", "assign", "SPECIFIC",
        "operator", " ")))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("assign SPECIFIC needs an operator input naming the operator; or use RANDOM or LESS_BUSY");
  }

  @Test
  void shouldRefuseOnlyOnlineThatIsNeitherTrueNorFalse() {
    // when / then
    assertThatThrownBy(() -> ChatOperatorStateInputs.read(Map.of("mode", "REQUEST_OPERATOR", "only_online", "yes")))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("only_online must be true or false, not 'yes'");
  }

  @Test
  void shouldRefuseAnOperatorIdThatCannotExist() {
    // when / then
    assertThatThrownBy(() -> ChatOperatorStateInputs.read(Map.of("mode", "OPERATOR_TAKEOVER", "assign", "SPECIFIC",
        "operator", "anna smith")))
        .isInstanceOf(InvalidInputs.class)
        .hasMessageStartingWith("operator 'anna smith' must be 1 to 64 letters");
  }

  @Test
  void shouldAcceptAtDeploymentValuesThatExpressionsGiveAtRunTime() {
    // given mode and operator come from expressions (null: known only at run time)
    Map<String, String> inputs = new HashMap<>();
    inputs.put("mode", null);
    inputs.put("assign", "SPECIFIC");
    inputs.put("operator", null);

    // when / then
    assertThatCode(() -> ChatOperatorStateInputs.checkLiterals(inputs)).doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseAtDeploymentAnActionWithoutAModeInput() {
    // when / then
    assertThatThrownBy(() -> ChatOperatorStateInputs.checkLiterals(Map.of("assign", "RANDOM")))
        .isInstanceOf(InvalidInputs.class)
        .hasMessageStartingWith("mode is missing");
  }

  @Test
  void shouldRefuseAtDeploymentASpecificAssignmentWithoutAnOperatorInput() {
    // when / then
    assertThatThrownBy(() -> ChatOperatorStateInputs.checkLiterals(Map.of("mode", "OPERATOR_TAKEOVER",
        "assign", "SPECIFIC")))
        .isInstanceOf(InvalidInputs.class)
        .hasMessageStartingWith("assign SPECIFIC needs an operator input");
  }

  @Test
  void shouldRefuseAtDeploymentAnUnknownInputNamingTheKnownOnes() {
    // when / then
    assertThatThrownBy(() -> ChatOperatorStateInputs.checkLiterals(Map.of("mode", "REQUEST_OPERATOR",
        "operator_group", "support")))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("unknown input 'operator_group'; the set-chat-operator-state action reads mode, assign, group, "
            + "operator, only_online");
  }
}
