package io.operatorconnect.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.operatorconnect.testsupport.HttpApi;
import io.operatorconnect.testsupport.OperatorConnectTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code GET /api/dialogs} over real HTTP: filters, text search, paging, what an operator may see, bad input. */
@OperatorConnectTest
class DialogListApiTests {

  static final String SECRET = "a-long-password-for-the-list";

  @LocalServerPort
  int port;

  HttpApi api;

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void shouldPageThroughEveryDialogNewestFirstWithTheCursor() {
    // given: five dialogs, one after the other
    api.operator("anna", 5, "ONLINE", "support");
    List<String> started = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      started.add(api.supportChat("client-" + i).path("id").asText());
    }

    // when: two at a time
    JsonNode first = api.get("/api/dialogs?limit=2").assertStatus(200).body();
    JsonNode second = api.get("/api/dialogs?limit=2&after=" + first.path("next").asText()).assertStatus(200).body();
    JsonNode third = api.get("/api/dialogs?limit=2&after=" + second.path("next").asText()).assertStatus(200).body();

    // then
    List<String> listed = new ArrayList<>();
    for (JsonNode page : List.of(first, second, third)) {
      page.path("items").forEach(item -> listed.add(item.path("id").asText()));
    }
    List<String> newestFirst = new ArrayList<>(started);
    Collections.reverse(newestFirst);
    assertThat(listed).containsExactlyElementsOf(newestFirst);
    assertThat(first.path("items")).hasSize(2);
    assertThat(third.path("items")).hasSize(1);
    assertThat(third.path("next").isNull()).isTrue();
    // each item as GET /api/dialogs/{id} shows it
    assertThat(first.path("items").get(0)).isEqualTo(api.dialog(started.get(4)));
    assertThat(api.get("/api/dialogs").assertStatus(200).body().path("items")).hasSize(5);
  }

  @Test
  void shouldFilterByStateClientChannelSubjectOperatorAndTime() {
    // given: anna has one slot, so the second support dialog waits; a sales dialog on another channel
    api.operator("anna", 1, "ONLINE", "support");
    String taken = api.supportChat("client-1").path("id").asText();
    String queued = api.supportChat("client-2").path("id").asText();
    Instant between = Instant.parse(api.dialog(queued).path("createdAt").asText());
    String web = api.post("/api/dialogs", Map.of("channel", "webchat", "clientId", "client-3", "scenario",
        "support_chat", "variables", Map.of("subject", "sales"))).assertStatus(201).body().path("id").asText();

    // when / then
    assertThat(ids("state=QUEUED")).contains(queued).doesNotContain(taken);
    assertThat(ids("state=taken_over")).containsExactly(taken);
    assertThat(ids("clientId=client-2")).containsExactly(queued);
    assertThat(ids("channel=webchat")).containsExactly(web);
    assertThat(ids("operatorId=anna")).containsExactly(taken);
    assertThat(ids("subject=support&channel=telegram")).containsExactly(queued, taken);
    assertThat(ids("from=" + between)).containsExactly(web, queued);
    assertThat(ids("to=" + between)).containsExactly(taken);
    assertThat(ids("from=" + between.minusSeconds(86_400).toString().substring(0, 10) + "&to="
        + between.plusSeconds(86_400).toString().substring(0, 10))).hasSize(3);
  }

  @Test
  void shouldFindDialogsByTextInTheirTranscriptInAnyCase() {
    // given
    api.operator("anna", 3, "ONLINE", "support");
    String refund = api.supportChat("client-1").path("id").asText();
    String other = api.supportChat("client-2").path("id").asText();
    api.post("/api/dialogs/" + refund + "/messages", Map.of("from", "client", "text", "I want a REFUND of 50% now"))
        .assertStatus(201);
    api.post("/api/dialogs/" + other + "/messages", Map.of("from", "client", "text", "where is 50 of my money"))
        .assertStatus(201);

    // when / then
    assertThat(ids("q=refund")).containsExactly(refund);
    assertThat(ids("q=50%")).containsExactly(refund); // a % is the character, not a wildcard
    assertThat(ids("q=50")).containsExactly(other, refund);
    assertThat(ids("q=nothing+like+this")).isEmpty();
  }

  @Test
  void shouldShowAnOperatorOnlyTheirOwnDialogsAndThoseThatWait() {
    // given: anna and bob with a dialog each, and one waiting in the queue
    api.post("/api/operators", Map.of("id", "anna", "name", "Anna", "groups", List.of("support"), "maxDialogs", 1,
        "status", "ONLINE", "password", SECRET)).assertStatus(201);
    String annas = api.supportChat("client-1").path("id").asText();
    api.post("/api/operators", Map.of("id", "bob", "name", "Bob", "groups", List.of("support"), "maxDialogs", 1,
        "status", "ONLINE", "password", SECRET)).assertStatus(201);
    String bobs = api.supportChat("client-2").path("id").asText();
    String waiting = api.supportChat("client-3").path("id").asText();
    assertThat(api.dialog(annas).path("operatorId").asText()).isEqualTo("anna");
    assertThat(api.dialog(bobs).path("operatorId").asText()).isEqualTo("bob");
    HttpApi anna = api.as("anna", SECRET);

    // when
    JsonNode listed = anna.get("/api/dialogs").assertStatus(200).body();

    // then
    assertThat(StreamSupport.stream(listed.path("items").spliterator(), false).map(item -> item.path("id").asText()))
        .containsExactly(waiting, annas);
    anna.get("/api/dialogs?operatorId=bob").assertProblem(403, "anna", "bob");
    assertThat(anna.get("/api/dialogs?clientId=client-2").assertStatus(200).body().path("items")).isEmpty();
    api.anonymous().get("/api/dialogs").assertProblem(401);
  }

  @Test
  void shouldRefuseBadFiltersNamingThem() {
    // when / then
    api.get("/api/dialogs?state=LOST").assertProblem(400, "state", "LOST", "QUEUED");
    api.get("/api/dialogs?limit=0").assertProblem(400, "limit", "200");
    api.get("/api/dialogs?limit=201").assertProblem(400, "limit", "200");
    api.get("/api/dialogs?limit=many").assertProblem(400, "limit");
    api.get("/api/dialogs?after=not-a-cursor").assertProblem(400, "after", "next");
    api.get("/api/dialogs?from=yesterday").assertProblem(400, "from", "ISO-8601");
    api.get("/api/dialogs?from=2026-12-03&to=2026-12-01").assertProblem(400, "from", "to");
    api.get("/api/dialogs?q=" + "x".repeat(201)).assertProblem(400, "q");
  }

  private List<String> ids(String query) {
    JsonNode page = api.get("/api/dialogs?" + query).assertStatus(200).body();
    List<String> ids = new ArrayList<>();
    page.path("items").forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }
}
