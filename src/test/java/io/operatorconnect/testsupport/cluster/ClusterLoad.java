package io.operatorconnect.testsupport.cluster;

import io.operatorconnect.testsupport.HttpApi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Load on a test cluster through the HTTP API, the way clients and operators make it: clients start
 * dialogs of the example scenario on telegram and webchat from many threads, each request to a node
 * picked at random; operators close their dialogs after a short, random handling time, also on any
 * node. A request a node does not answer (it was killed, say) goes to another node. Nodes can be
 * added and removed while the load runs.
 */
public final class ClusterLoad implements AutoCloseable {

  private final JdbcClient db;
  private final List<ClusterNode> nodes = new CopyOnWriteArrayList<>();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicInteger unanswered = new AtomicInteger();
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final List<Future<?>> closers = new ArrayList<>();

  public ClusterLoad(JdbcClient db, List<? extends ClusterNode> nodes) {
    this.db = db;
    this.nodes.addAll(nodes);
  }

  public void add(ClusterNode node) {
    nodes.add(node);
  }

  /** Stops sending requests to the node; call it the moment a node is killed. */
  public void remove(ClusterNode node) {
    nodes.remove(node);
  }

  /**
   * Four operators of the example scenario's subject with six slots between them, bob taking one
   * telegram dialog at most; returns their ids.
   */
  public List<String> sixSlots() {
    operator("anna", 2, Map.of());
    operator("bob", 2, Map.of("telegram", 1));
    operator("cleo", 1, Map.of());
    operator("dan", 1, Map.of());
    return List.of("anna", "bob", "cleo", "dan");
  }

  public void operator(String id, int maxDialogs, Map<String, Integer> channelLimits) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("name", id);
    body.put("groups", List.of("support"));
    body.put("maxDialogs", maxDialogs);
    body.put("channelLimits", channelLimits);
    body.put("status", "ONLINE");
    send(api -> api.post("/api/operators", body)).assertStatus(201);
  }

  /**
   * Starts {@code count} dialogs from {@code threads} client threads at once; the future ends when
   * every dialog was started (a node answered 201).
   */
  public Future<?> startDialogs(int count, int threads) {
    List<Future<?>> clients = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      clients.add(pool.submit(() -> {
        for (int i = thread; i < count; i += threads) {
          Map<String, Object> body = Map.of("channel", i % 2 == 0 ? "telegram" : "webchat",
              "clientId", "client-" + i, "scenario", "support_chat");
          acknowledged.add(send(api -> api.post("/api/dialogs", body)).assertStatus(201).text("id"));
        }
        return null;
      }));
    }
    return pool.submit(() -> {
      for (Future<?> client : clients) {
        client.get();
      }
      return null;
    });
  }

  /** Each operator closes their dialogs, one after the other, after 0 to 3 ms each, until {@link #stopClosing()}. */
  public void startClosing(List<String> operators) {
    closing.set(true);
    for (String operator : operators) {
      closers.add(pool.submit(() -> {
        Random random = new Random(operator.hashCode());
        while (closing.get()) {
          List<String> mine = new ArrayList<>(db
              .sql("SELECT id FROM oc_dialog WHERE operator_id = ? AND state = 'TAKEN_OVER'").param(operator)
              .query(String.class).list());
          Collections.shuffle(mine, random);
          for (String dialogId : mine) {
            if (!closing.get()) {
              break;
            }
            Thread.sleep(random.nextInt(4));
            int status = send(api -> api.post("/api/dialogs/" + dialogId + "/close", Map.of())).status();
            if (status != 200 && status != 409) {
              throw new IllegalStateException("closing " + dialogId + " answered " + status);
            }
          }
          Thread.sleep(2);
        }
        return null;
      }));
    }
  }

  /** Stops the operators and waits until each has finished the close in hand; fails if one of them failed. */
  public void stopClosing() throws Exception {
    closing.set(false);
    for (Future<?> closer : closers) {
      closer.get(1, TimeUnit.MINUTES);
    }
    closers.clear();
  }

  /** The dialogs a node acknowledged with 201. */
  public Set<String> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  /** Requests that a node did not answer and that went to another node. */
  public int unanswered() {
    return unanswered.get();
  }

  /** Dialogs that have been given to an operator so far. */
  public int assigned() {
    return db.sql("SELECT COUNT(*) FROM oc_dialog WHERE assigned_at IS NOT NULL").query(Integer.class).single();
  }

  public int count(String state) {
    return db.sql("SELECT COUNT(*) FROM oc_dialog WHERE state = ?").param(state).query(Integer.class).single();
  }

  public int total() {
    return db.sql("SELECT COUNT(*) FROM oc_dialog").query(Integer.class).single();
  }

  /** For each dialog, how many operator tasks its scenario ever had (history level full). */
  public List<Integer> operatorTasksPerDialog() {
    return db.sql("""
            SELECT COUNT(t.id_) FROM oc_dialog d
            LEFT JOIN act_hi_taskinst t ON t.proc_inst_id_ = d.process_instance_id AND t.assignee_ IS NOT NULL
            GROUP BY d.id""").query(Integer.class).list();
  }

  /** Dialogs in each state right now. */
  public Map<String, Integer> states() {
    Map<String, Integer> states = new LinkedHashMap<>();
    db.sql("SELECT state, COUNT(*) AS n FROM oc_dialog GROUP BY state ORDER BY state")
        .query((rs, row) -> states.put(rs.getString("state"), rs.getInt("n"))).list();
    return states;
  }

  /** Sends the request to a random node; to another one if it does not answer, for at most a minute. */
  private HttpApi.Response send(Function<HttpApi, HttpApi.Response> request) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      List<ClusterNode> live = List.copyOf(nodes);
      if (!live.isEmpty()) {
        ClusterNode node = live.get(ThreadLocalRandom.current().nextInt(live.size()));
        try {
          return request.apply(node.api());
        } catch (RuntimeException noAnswer) {
          last = noAnswer;
          unanswered.incrementAndGet();
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no node answered for a minute", last);
  }

  @Override
  public void close() {
    closing.set(false);
    pool.shutdownNow();
  }
}
