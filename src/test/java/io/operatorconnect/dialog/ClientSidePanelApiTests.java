package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the panel's side panel reads beside a chat: the scenario's variables the analyst marked as visible, and
 * the client's earlier dialogs, which the operator with the client may read whoever handled them.
 */
@OperatorConnectTest
class ClientSidePanelApiTests {

  static final String SECRET = "a-long-password-for-the-side-panel";

  @LocalServerPort
  int port;

  HttpApi api;
  HttpApi anna;

  @BeforeEach
  void operators() {
    api = new HttpApi(port);
    for (String id : List.of("anna", "bob")) {
      api.post("/api/operators", Map.of("id", id, "name", id, "groups", List.of("support"), "maxDialogs", 2,
          "status", "OFFLINE", "password", SECRET)).assertStatus(201);
    }
    anna = api.as("anna", SECRET);
  }

  @Test
  void shouldShowOnlyTheVariablesTheScenarioMarksAsVisible() {
    // given: support-chat.bpmn marks customer_name, order_id and language (its operatorConnect.visibleVariables)
    online("anna");
    String dialog = api.post("/api/dialogs", Map.of("channel", "telegram", "clientId", "client-1", "scenario",
        "support_chat", "variables", Map.of("customer_name", "Ada Lovelace", "order_id", 1001,
            "payment_token", "tok_secret"))).assertStatus(201).body().path("id").asText();

    // when
    JsonNode variables = anna.get("/api/dialogs/" + dialog + "/variables").assertStatus(200).body();

    // then: in the order the analyst gave, without what was not marked or not set
    List<String> names = new ArrayList<>();
    variables.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("customer_name", "order_id");
    assertThat(variables.path("customer_name").asText()).isEqualTo("Ada Lovelace");
    assertThat(variables.path("order_id").asInt()).isEqualTo(1001);
    api.as("bob", SECRET).get("/api/dialogs/" + dialog + "/variables").assertProblem(403, "bob");
  }

  @Test
  void shouldLetTheOperatorWithAClientReadTheClientsEarlierDialogsWhoeverHandledThem() {
    // given: bob handled client 1 yesterday, and another client
    online("bob");
    String earlier = api.supportChat("client-1").path("id").asText();
    api.post("/api/dialogs/" + earlier + "/messages", Map.of("from", "client", "text", "my card was charged twice"))
        .assertStatus(201);
    String someoneElse = api.supportChat("client-9").path("id").asText();
    api.as("bob", SECRET).post("/api/dialogs/" + earlier + "/close", null).assertStatus(200);
    api.as("bob", SECRET).post("/api/dialogs/" + someoneElse + "/close", null).assertStatus(200);
    api.put("/api/operators/bob/status", Map.of("status", "OFFLINE")).assertStatus(200);
    // today anna is with client 1
    online("anna");
    String now = api.supportChat("client-1").path("id").asText();
    assertThat(api.dialog(now).path("operatorId").asText()).isEqualTo("anna");

    // when
    JsonNode history = anna.get("/api/dialogs?clientId=client-1&channel=telegram").assertStatus(200).body();

    // then
    assertThat(history.path("items")).extracting(item -> item.path("id").asText()).containsExactly(now, earlier);
    assertThat(anna.get("/api/dialogs/" + earlier + "/messages").assertStatus(200).body().toString())
        .contains("my card was charged twice");
    anna.get("/api/dialogs/" + someoneElse).assertProblem(403, "anna");
    anna.get("/api/dialogs/" + someoneElse + "/messages").assertProblem(403, "anna");
    assertThat(anna.get("/api/dialogs?clientId=client-9").assertStatus(200).body().path("items")).isEmpty();

    // when she closes today's dialog, the earlier ones are hers to read no more
    anna.post("/api/dialogs/" + now + "/close", null).assertStatus(200);
    anna.get("/api/dialogs/" + earlier).assertProblem(403, "anna");
  }

  private void online(String operatorId) {
    api.put("/api/operators/" + operatorId + "/status", Map.of("status", "ONLINE")).assertStatus(200);
  }
}
