package io.operatorconnect.testsupport;

import io.operatorconnect.system.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many operators written straight into the tables, in a few batched statements, as a busy desk would
 * have them: mixed statuses (6 in 10 ONLINE, 2 AWAY, 2 OFFLINE), five subjects (everyone in one, a
 * third also in the next), general limits of 0 to 5, a quarter limited to one dialog on telegram, each
 * holding a random number of TAKEN_OVER dialogs up to the limits on random channels, and last
 * assignment and close times from a few minutes only (ties are common; a fifth never assigned). The
 * same {@link Random} seed gives the same desk. Used by the routing-decision benchmark and by the tests
 * that hold the routing query to the routing rule.
 */
public final class OperatorPopulation {

  public static final List<String> SUBJECTS = List.of("s0", "s1", "s2", "s3", "s4");
  public static final List<String> CHANNELS = List.of("telegram", "webchat", "whatsapp");

  private OperatorPopulation() {
  }

  /** Inserts {@code count} operators with ids {@code op-00000} upwards; returns their ids. */
  public static List<String> insert(JdbcTemplate jdbc, int count, Random random) {
    Instant now = Instant.now();
    List<String> ids = new ArrayList<>();
    List<Object[]> operatorRows = new ArrayList<>();
    List<Object[]> groupRows = new ArrayList<>();
    List<Object[]> limitRows = new ArrayList<>();
    List<Object[]> dialogRows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("op-%05d", i);
      ids.add(id);
      int statusDraw = random.nextInt(10);
      String status = statusDraw < 6 ? "ONLINE" : statusDraw < 8 ? "AWAY" : "OFFLINE";
      int max = random.nextInt(6);
      boolean telegramLimited = random.nextInt(4) == 0;
      int active = status.equals("OFFLINE") ? 0 : random.nextInt(max + 1);
      Instant lastAssigned = random.nextInt(5) == 0 ? null : now.minusSeconds(60L * random.nextInt(5));
      Instant lastClosed = lastAssigned == null || random.nextBoolean() ? null
          : now.minusSeconds(60L * random.nextInt(5));
      operatorRows.add(new Object[] {id, "Operator " + i, status, max, active, Times.toDb(lastAssigned),
          Times.toDb(lastClosed), Times.toDb(now), Times.toDb(now), Times.toDb(now)});
      int subject = random.nextInt(SUBJECTS.size());
      groupRows.add(new Object[] {id, SUBJECTS.get(subject)});
      if (random.nextInt(3) == 0) {
        groupRows.add(new Object[] {id, SUBJECTS.get((subject + 1) % SUBJECTS.size())});
      }
      if (telegramLimited) {
        limitRows.add(new Object[] {id, "telegram", 1});
      }
      int onTelegram = 0;
      for (int d = 0; d < active; d++) {
        String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
        if (channel.equals("telegram") && telegramLimited && onTelegram++ >= 1) {
          channel = "webchat";
        }
        dialogRows.add(new Object[] {id + "-d" + d, channel, "client-" + id + "-" + d, "TAKEN_OVER", id,
            Times.toDb(now.minus(Duration.ofMinutes(5))), Times.toDb(now.minus(Duration.ofMinutes(4)))});
      }
    }
    jdbc.batchUpdate("""
        INSERT INTO oc_operator (id, name, status, max_dialogs, active_dialogs, last_assigned_at, last_closed_at,
                                 status_changed_at, created_at, last_seen_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", operatorRows);
    jdbc.batchUpdate("INSERT INTO oc_operator_group (operator_id, group_name) VALUES (?, ?)", groupRows);
    jdbc.batchUpdate("INSERT INTO oc_operator_channel_limit (operator_id, channel, max_dialogs) VALUES (?, ?, ?)",
        limitRows);
    jdbc.batchUpdate("""
        INSERT INTO oc_dialog (id, channel, client_id, state, operator_id, created_at, assigned_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)""", dialogRows);
    return ids;
  }

  /**
   * Inserts {@code count} CLOSED dialogs spread over the given operators and the channels, closed over the
   * last 30 days, in batches: the history a desk that has run a while keeps in {@code oc_dialog}.
   */
  public static void insertClosedDialogs(JdbcTemplate jdbc, List<String> operatorIds, int count, Random random) {
    Instant now = Instant.now();
    int batch = 10_000;
    for (int from = 0; from < count; from += batch) {
      List<Object[]> rows = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + batch); i++) {
        Instant created = now.minusSeconds(random.nextInt(30 * 24 * 3600));
        Instant assigned = created.plusSeconds(random.nextInt(120));
        rows.add(new Object[] {"closed-" + i, CHANNELS.get(random.nextInt(CHANNELS.size())), "client-closed-" + i,
            "CLOSED", operatorIds.get(random.nextInt(operatorIds.size())),
            SUBJECTS.get(random.nextInt(SUBJECTS.size())), Times.toDb(created), Times.toDb(assigned),
            Times.toDb(assigned.plusSeconds(60 + random.nextInt(900)))});
      }
      jdbc.batchUpdate("""
          INSERT INTO oc_dialog (id, channel, client_id, state, operator_id, subject, created_at, assigned_at,
                                 closed_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }
  }
}
