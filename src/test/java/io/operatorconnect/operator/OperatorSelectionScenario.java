package io.operatorconnect.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.operatorconnect.routing.Candidate;
import io.operatorconnect.routing.Decision;
import io.operatorconnect.routing.DistributionMethod;
import io.operatorconnect.routing.Eligibility;
import io.operatorconnect.routing.OperatorStatus;
import io.operatorconnect.routing.Router;
import io.operatorconnect.routing.RoutingRequest;
import io.operatorconnect.routing.SkipReason;
import io.operatorconnect.testsupport.OperatorPopulation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Routing reads only the best few eligible operators, filtered and ordered by SQL
 * ({@link RoutingReads#eligible}); the rule and the order live in plain Java
 * ({@link Eligibility}, {@link Router}). These tests hold the two to each other on random desks
 * ({@link OperatorPopulation}: ties in load and times are common) and random requests: the SQL must
 * find exactly the operators the rule admits, and its best few must be the router's best few. Runs on
 * H2 ({@link OperatorSelectionTests}) and PostgreSQL ({@link OperatorSelectionPostgresTests}).
 */
abstract class OperatorSelectionScenario {

  private static final int DESKS = 12;
  private static final int REQUESTS_PER_DESK = 60;
  private static final List<DistributionMethod> ORDERED = List.of(DistributionMethod.FEWEST_DIALOGS_THEN_IDLE,
      DistributionMethod.LONGEST_IDLE, DistributionMethod.ROUND_ROBIN);

  @Autowired
  OperatorRepository operators;
  @Autowired
  RoutingReads routingReads;
  @Autowired
  OperatorSelector selector;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void shouldFindExactlyTheOperatorsTheRuleAdmitsAndRankTheBestOfThemAsTheRouterDoes() {
    for (int desk = 0; desk < DESKS; desk++) {
      long seed = 1000L + desk;
      Random random = new Random(seed);
      clear();
      List<String> ids = OperatorPopulation.insert(jdbc, 5 + random.nextInt(60), random);
      List<Candidate> everybody = operators.findAll().stream().map(Operator::toCandidate).toList();
      for (int r = 0; r < REQUESTS_PER_DESK; r++) {
        RoutingRequest request = randomRequest(random, ids);
        String excluded = random.nextInt(4) == 0 ? ids.get(random.nextInt(ids.size())) : null;
        String where = "desk seed " + seed + ", request " + request + ", excluded " + excluded;
        List<Candidate> admitted = everybody.stream()
            .filter(operator -> !operator.id().equals(excluded))
            .filter(operator -> Eligibility.check(operator, request).isEmpty())
            .toList();

        // the SQL finds exactly the operators the rule admits
        List<Candidate> found = routingReads.eligible(request, excluded, ids.size());
        assertThat(idsOf(found)).as(where).isEqualTo(idsOf(admitted));
        // each as the request sees it: the same load and limit on its channel, and admitted by the rule too
        Map<String, Candidate> whole = everybody.stream().collect(Collectors.toMap(Candidate::id, c -> c));
        for (Candidate seen : found) {
          Candidate all = whole.get(seen.id());
          assertThat(seen.activeOn(request.channel())).as(where).isEqualTo(all.activeOn(request.channel()));
          assertThat(seen.channelLimits().get(request.channel())).as(where)
              .isEqualTo(all.channelLimits().get(request.channel()));
          assertThat(seen.activeDialogs()).as(where).isEqualTo(all.activeDialogs());
          assertThat(Eligibility.check(seen, request)).as(where).isEmpty();
        }

        // its best few are the router's best few among all of them
        if (ORDERED.contains(request.method()) && !admitted.isEmpty()) {
          Router router = new Router(new Random(seed));
          List<String> best = ranked(router.decide(request, admitted));
          List<String> bestOfFew = ranked(router.decide(request,
              routingReads.eligible(request, excluded, OperatorSelector.RANKED)));
          int compared = Math.min(OperatorSelector.RANKED, best.size());
          assertThat(bestOfFew.subList(0, compared)).as(where).isEqualTo(best.subList(0, compared));
        }

        // and a decision chooses among the admitted, or names the skipped of the request's scope
        Decision decision = selector.decide(request, excluded);
        if (admitted.isEmpty()) {
          assertThat(decision).as(where).isNotInstanceOf(Decision.Assigned.class);
          if (decision instanceof Decision.NoFreeOperator none) {
            // each named with the reason the rule gives the whole operator
            none.skipped().forEach((id, reason) -> assertThat(reason).as(where + ", " + id)
                .isEqualTo(Eligibility.check(whole.get(id), request).orElseThrow()));
          }
        } else {
          assertThat(decision).as(where).isInstanceOf(Decision.Assigned.class);
          Candidate chosen = ((Decision.Assigned) decision).operator();
          assertThat(idsOf(admitted)).as(where).contains(chosen.id());
          if (request.method() == DistributionMethod.FEWEST_DIALOGS) {
            int fewest = admitted.stream().mapToInt(Candidate::activeDialogs).min().orElseThrow();
            assertThat(chosen.activeDialogs()).as(where).isEqualTo(fewest);
          }
        }
      }
    }
  }

  @Test
  void shouldNameTheFirstSkippedOperatorsOfALargeSubjectAndSayThatThereAreMore() {
    // given 25 support operators, none free, and one free billing operator
    for (int i = 0; i < 25; i++) {
      operators.insert(String.format("sup-%02d", i), "Support " + i, Set.of("support"), i % 2, Map.of(),
          i % 2 == 0 ? OperatorStatus.ONLINE : OperatorStatus.OFFLINE,
          Instant.now());
    }
    operators.insert("bill", "Bill", Set.of("billing"), 3, Map.of(),
        OperatorStatus.ONLINE, Instant.now());

    // when a support dialog is routed
    Decision decision = selector.decide(new RoutingRequest("telegram", "support", null,
        DistributionMethod.DEFAULT, true, null), null);

    // then the first 20 of them by id are named with their reasons, and the rest are summed up
    assertThat(decision).isInstanceOf(Decision.NoFreeOperator.class);
    Decision.NoFreeOperator none = (Decision.NoFreeOperator) decision;
    assertThat(none.skipped()).hasSize(OperatorSelector.SKIPPED_SHOWN)
        .containsEntry("sup-00", SkipReason.GENERAL_LIMIT)
        .containsEntry("sup-01", SkipReason.OFFLINE)
        .containsKey("sup-19")
        .doesNotContainKeys("sup-20", "bill");
    assertThat(none.explanation()).startsWith("sup-00 has reached the general dialog limit; sup-01 is OFFLINE")
        .endsWith("sup-19 is OFFLINE; and more operators, none free");
  }

  @Test
  void shouldDrawUniformlyAmongAllEligibleOperatorsWhatEverTheirStatus() {
    // given twelve ONLINE operators and one AWAY, all free and equally loaded
    for (int i = 0; i < 12; i++) {
      operators.insert(String.format("on-%02d", i), "Online " + i, Set.of("support"), 3, Map.of(),
          OperatorStatus.ONLINE, Instant.now());
    }
    operators.insert("away", "Away", Set.of("support"), 3, Map.of(), OperatorStatus.AWAY, Instant.now());

    for (DistributionMethod method : List.of(DistributionMethod.RANDOM, DistributionMethod.FEWEST_DIALOGS)) {
      // when the random methods choose, AWAY operators allowed, many times over
      RoutingRequest request = new RoutingRequest("telegram", "support", null, method, false, null);
      int draws = 1300;
      int away = 0;
      for (int i = 0; i < draws; i++) {
        Decision decision = selector.decide(request, null);
        if (((Decision.Assigned) decision).operator().id().equals("away")) {
          away++;
        }
      }

      // then each of the thirteen is chosen about once in thirteen (100 times, give or take 10); drawing
      // the few read of each status instead would choose the AWAY one once in six (about 217)
      assertThat(away).as(method + ": the AWAY operator chosen of " + draws).isBetween(50, 160);
    }
  }

  private static RoutingRequest randomRequest(Random random, List<String> ids) {
    List<String> channels = OperatorPopulation.CHANNELS;
    String channel = channels.get(random.nextInt(channels.size()));
    List<String> subjects = OperatorPopulation.SUBJECTS;
    String subject = random.nextInt(5) == 0 ? null : subjects.get(random.nextInt(subjects.size()));
    String assigned = random.nextInt(6) == 0 ? ids.get(random.nextInt(ids.size())) : null;
    DistributionMethod method = DistributionMethod.values()[random.nextInt(DistributionMethod.values().length)];
    String cursor = method == DistributionMethod.ROUND_ROBIN && random.nextBoolean()
        ? ids.get(random.nextInt(ids.size())) : null;
    return new RoutingRequest(channel, subject, assigned, method, random.nextBoolean(), cursor);
  }

  private void clear() {
    for (String table : List.of("oc_decision", "oc_message", "oc_dialog", "oc_operator_group",
        "oc_operator_channel_limit", "oc_operator")) {
      jdbc.update("DELETE FROM " + table);
    }
  }

  private static Set<String> idsOf(List<Candidate> candidates) {
    return candidates.stream().map(Candidate::id).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<String> ranked(Decision decision) {
    return ((Decision.Assigned) decision).ranked().stream().map(Candidate::id).toList();
  }
}
