package io.operatorconnect.bench;

import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.routing.OperatorStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The operators of a benchmark: 1,000 in the database, as a busy desk has them, with mixed subjects,
 * limits and channel limits. Only a small pool is {@code ONLINE}; the others are {@code OFFLINE} or
 * {@code AWAY}, so they never receive a dialog (the benchmark's dialogs ask for online operators), but
 * routing has to tell them apart from the pool: many of them belong to the dialogs' subjects.
 */
final class BenchOperators {

  /** Operators in the database during the throughput and latency phases. */
  static final int TOTAL = 1000;
  /** The subjects the dialogs ask for, most often the first. */
  static final List<String> SUBJECTS = List.of("support", "sales", "billing");
  static final List<String> CHANNELS = List.of("telegram", "webchat", "whatsapp");
  /** Subjects only operators who are not there belong to besides: routing looks past them too. */
  private static final List<String> OTHER_SUBJECTS = List.of("returns", "vip");

  /** An operator of the online pool. */
  record Online(String id, Set<String> groups, int maxDialogs, Map<String, Integer> channelLimits) {
  }

  /**
   * The throughput's online pool: 12 operators with 25 slots between them, from 1 to 3 each, some with
   * a lower limit on one channel and some in two subjects. Every subject has room on every channel
   * with at least two of them, so no dialog waits for an operator who cannot come.
   */
  static final List<Online> POOL = List.of(
      new Online("pool-01", Set.of("support"), 3, Map.of("telegram", 1)),
      new Online("pool-02", Set.of("support"), 2, Map.of()),
      new Online("pool-03", Set.of("support", "sales"), 3, Map.of("whatsapp", 1)),
      new Online("pool-04", Set.of("support"), 1, Map.of()),
      new Online("pool-05", Set.of("sales"), 2, Map.of("webchat", 1)),
      new Online("pool-06", Set.of("sales", "billing"), 3, Map.of()),
      new Online("pool-07", Set.of("sales"), 2, Map.of("telegram", 1)),
      new Online("pool-08", Set.of("billing"), 2, Map.of()),
      new Online("pool-09", Set.of("billing"), 1, Map.of()),
      new Online("pool-10", Set.of("billing", "support"), 3, Map.of("webchat", 2)),
      new Online("pool-11", Set.of("support"), 2, Map.of("whatsapp", 1)),
      new Online("pool-12", Set.of("sales"), 1, Map.of()));

  private BenchOperators() {
  }

  static int slots(List<Online> pool) {
    return pool.stream().mapToInt(Online::maxDialogs).sum();
  }

  /**
   * Creates the pool {@code ONLINE}, then operators who are not there (85 % {@code OFFLINE}, 15 %
   * {@code AWAY}) until {@code total} exist: one or two subjects each, 1 to 5 dialogs, and on each
   * channel a lower limit one time in three. Seeded, so every run has the same operators.
   */
  static void create(OperatorService operators, List<Online> pool, int total) {
    for (Online online : pool) {
      operators.create(online.id(), online.id(), online.groups(), online.maxDialogs(), online.channelLimits(),
          OperatorStatus.ONLINE);
    }
    Random random = new Random(42);
    List<String> subjects = new ArrayList<>(SUBJECTS);
    subjects.addAll(OTHER_SUBJECTS);
    for (int i = 1; i <= total - pool.size(); i++) {
      Set<String> groups = new LinkedHashSet<>();
      int count = 1 + random.nextInt(2);
      while (groups.size() < count) {
        groups.add(subjects.get(random.nextInt(subjects.size())));
      }
      int maxDialogs = 1 + random.nextInt(5);
      Map<String, Integer> channelLimits = new LinkedHashMap<>();
      for (String channel : CHANNELS) {
        if (random.nextInt(3) == 0) {
          channelLimits.put(channel, 1 + random.nextInt(maxDialogs));
        }
      }
      OperatorStatus status = random.nextInt(100) < 85 ? OperatorStatus.OFFLINE : OperatorStatus.AWAY;
      String id = String.format("away-%04d", i);
      operators.create(id, id, groups, maxDialogs, channelLimits, status);
    }
  }
}
