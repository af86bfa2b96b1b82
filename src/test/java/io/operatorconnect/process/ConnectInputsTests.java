package io.operatorconnect.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.operatorconnect.dialog.ConnectRequest;
import io.operatorconnect.routing.DistributionMethod;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectInputsTests {

  @Test
  void shouldReadEveryKeyOfTheConfigJson() {
    // given
    String config = """
        {"auto_connect_operator": true, "subject_alias": "support", "status": "queue", "assigned_operator": "anna",
         "method": "ROUND_ROBIN", "only_online": false, "message": "Hi, I am {operator_name}",
         "waiting_message": "Please wait", "priority": 7}""";

    // when
    ConnectRequest request = ConnectInputs.read(config, Map.of());

    // then
    assertThat(request).isEqualTo(new ConnectRequest(true, "support", true, "anna", DistributionMethod.ROUND_ROBIN,
        false, "Hi, I am {operator_name}", "Please wait", 7));
  }

  @Test
  void shouldUseDefaultsForWhatIsLeftOut() {
    // when
    ConnectRequest request = ConnectInputs.read(null, Map.of());

    // then manual connection, any subject, only online operators, the panel's method, no priority
    assertThat(request).isEqualTo(new ConnectRequest(false, null, false, null, null, true, null, null, 0));
  }

  @Test
  void shouldReadTheSameKeysAsSeparateInputs() {
    // given
    Map<String, Object> separate = Map.of("auto_connect_operator", "true", "subject_alias", "sales", "priority", "3",
        "only_online", "false", "method", "random");

    // when
    ConnectRequest request = ConnectInputs.read("", separate);

    // then
    assertThat(request.autoConnect()).isTrue();
    assertThat(request.subject()).isEqualTo("sales");
    assertThat(request.priority()).isEqualTo(3);
    assertThat(request.onlyOnline()).isFalse();
    assertThat(request.method()).isEqualTo(DistributionMethod.RANDOM);
  }

  @Test
  void shouldLetSeparateInputsWinOverTheConfig() {
    // given
    String config = "{\"auto_connect_operator\": false, \"subject_alias\": \"support\", \"priority\": 1}";

    // when
    ConnectRequest request = ConnectInputs.read(config, Map.of("auto_connect_operator", true, "subject_alias",
        "sales", "priority", 9));

    // then
    assertThat(request.autoConnect()).isTrue();
    assertThat(request.subject()).isEqualTo("sales");
    assertThat(request.priority()).isEqualTo(9);
  }

  @Test
  void shouldKeepTheConfigValueWhenASeparateInputIsEmpty() {
    // given an element template leaves unused fields empty
    Map<String, Object> separate = new HashMap<>();
    separate.put("subject_alias", "");
    separate.put("priority", null);

    // when
    ConnectRequest request = ConnectInputs.read("{\"subject_alias\": \"support\", \"priority\": 4}", separate);

    // then
    assertThat(request.subject()).isEqualTo("support");
    assertThat(request.priority()).isEqualTo(4);
  }

  @Test
  void shouldAcceptAConfigAlreadyReadAsAMap() {
    // when
    ConnectRequest request = ConnectInputs.read(Map.of("auto_connect_operator", true, "status", "QUEUE"), Map.of());

    // then
    assertThat(request.autoConnect()).isTrue();
    assertThat(request.queue()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", " true "})
  void shouldReadTrueWrittenAsText(String text) {
    // when / then
    assertThat(ConnectInputs.read(null, Map.of("auto_connect_operator", text)).autoConnect()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "False"})
  void shouldReadFalseWrittenAsText(String text) {
    // when / then
    assertThat(ConnectInputs.read("{\"only_online\": true}", Map.of("only_online", text)).onlyOnline()).isFalse();
  }

  @Test
  void shouldRefuseABooleanThatIsNeitherTrueNorFalse() {
    // when / then
    assertThatThrownBy(() -> ConnectInputs.read("{\"auto_connect_operator\": \"yes\"}", Map.of()))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("auto_connect_operator must be true or false, not 'yes'");
  }

  @Test
  void shouldRefuseAnUnknownKeyNamingTheKnownOnes() {
    // when / then
    assertThatThrownBy(() -> ConnectInputs.read("{\"subject\": \"support\"}", Map.of()))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("unknown key 'subject' in config; known keys: auto_connect_operator, subject_alias, status, "
            + "assigned_operator, method, only_online, message, waiting_message, priority");
  }

  @Test
  void shouldRefuseMalformedJsonSayingWhere() {
    // when / then
    assertThatThrownBy(() -> ConnectInputs.read("{\"auto_connect_operator\": true,,}", Map.of()))
        .isInstanceOf(InvalidInputs.class)
        .hasMessageStartingWith("config is not valid JSON: ")
        .hasMessageContaining("(line 1, column ");
  }

  @Test
  void shouldRefuseJsonThatIsNotAnObject() {
    // when / then
    assertThatThrownBy(() -> ConnectInputs.read("[\"support\"]", Map.of()))
        .isInstanceOf(InvalidInputs.class)
        .hasMessageStartingWith("config must be a JSON object such as");
  }

  @Test
  void shouldRefuseAConfigThatIsNeitherTextNorAMap() {
    // when / then
    assertThatThrownBy(() -> ConnectInputs.read(42, Map.of()))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("config must be a JSON object written as text, not a Integer");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1000, 0, 1000})
  void shouldAcceptPrioritiesWithinTheBounds(int priority) {
    // when / then
    assertThat(ConnectInputs.read("{\"priority\": " + priority + "}", Map.of()).priority()).isEqualTo(priority);
  }

  @ParameterizedTest
  @ValueSource(longs = {-1001, 1001, 10_000_000_000L, Long.MIN_VALUE})
  void shouldRefusePrioritiesOutsideTheBounds(long priority) {
    // when / then
    assertThatThrownBy(() -> ConnectInputs.read("{\"priority\": " + priority + "}", Map.of()))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("priority must be from -1000 to 1000, not " + priority);
  }

  @Test
  void shouldRefuseAPriorityThatIsNotAWholeNumber() {
    // when / then
    assertThatThrownBy(() -> ConnectInputs.read(null, Map.of("priority", "high")))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("priority must be a whole number from -1000 to 1000, not 'high'");
  }

  @Test
  void shouldReadTheMethodWhateverItsCase() {
    // when / then
    assertThat(ConnectInputs.read("{\"method\": \" fewest_dialogs \"}", Map.of()).method())
        .isEqualTo(DistributionMethod.FEWEST_DIALOGS);
  }

  @Test
  void shouldRefuseAnUnknownMethodNamingTheKnownOnes() {
    // when / then
    assertThatThrownBy(() -> ConnectInputs.read("{\"method\": \"FASTEST\"}", Map.of()))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("method: unknown distribution method 'FASTEST'; use one of FEWEST_DIALOGS_THEN_IDLE, "
            + "FEWEST_DIALOGS, LONGEST_IDLE, ROUND_ROBIN, RANDOM");
  }

  @Test
  void shouldQueueOnlyWhenTheStatusSaysQueue() {
    // when / then
    assertThat(ConnectInputs.read("{\"status\": \"Queue\"}", Map.of()).queue()).isTrue();
    assertThat(ConnectInputs.read("{\"status\": \"\"}", Map.of()).queue()).isFalse();
  }

  @Test
  void shouldRefuseAnyOtherStatus() {
    // when / then
    assertThatThrownBy(() -> ConnectInputs.read("{\"status\": \"wait\"}", Map.of()))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("status must be \"queue\" or left out, not 'wait'");
  }

  @Test
  void shouldRefuseASubjectThatIsNotText() {
    // when / then
    assertThatThrownBy(() -> ConnectInputs.read("{\"subject_alias\": 5}", Map.of()))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("subject_alias must be text, not 5");
  }

  @Test
  void shouldRefuseAnOperatorIdThatCannotExist() {
    // when / then
    assertThatThrownBy(() -> ConnectInputs.read(null, Map.of("assigned_operator", "anna smith")))
        .isInstanceOf(InvalidInputs.class)
        .hasMessageStartingWith("assigned_operator 'anna smith' must be 1 to 64 letters");
  }

  @Test
  void shouldRefuseAMessageTooLongToSend() {
    // when / then
    assertThatThrownBy(() -> ConnectInputs.read(null, Map.of("message", "x".repeat(4001))))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("message is 4001 characters long; at most 4000 are sent");
  }

  @Test
  void shouldCheckAtDeploymentTheLiteralsWithTheRunTimeRules() {
    // when / then the same message the error outcome would carry
    assertThatThrownBy(() -> ConnectInputs.checkLiterals(Map.of("config", "{\"method\": \"FASTEST\"}")))
        .isInstanceOf(InvalidInputs.class)
        .hasMessageStartingWith("method: unknown distribution method 'FASTEST'; use one of");
  }

  @Test
  void shouldLetASeparateLiteralWinOverTheConfigAtDeploymentToo() {
    // when / then
    assertThatThrownBy(() -> ConnectInputs.checkLiterals(Map.of("config", "{\"priority\": 1}", "priority", "2000")))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("priority must be from -1000 to 1000, not 2000");
  }

  @Test
  void shouldNotCheckAtDeploymentValuesThatExpressionsGiveAtRunTime() {
    // given the config and the method come from expressions (null: known only at run time)
    Map<String, String> inputs = new HashMap<>();
    inputs.put("config", null);
    inputs.put("method", null);
    inputs.put("priority", "5");

    // when / then
    assertThatCode(() -> ConnectInputs.checkLiterals(inputs)).doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseAtDeploymentAnUnknownInputNamingTheKnownOnes() {
    // when / then
    assertThatThrownBy(() -> ConnectInputs.checkLiterals(Map.of("subject", "support")))
        .isInstanceOf(InvalidInputs.class)
        .hasMessage("unknown input 'subject'; the connect action reads config or auto_connect_operator, "
            + "subject_alias, status, assigned_operator, method, only_online, message, waiting_message, priority");
  }
}
