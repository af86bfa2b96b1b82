package io.operatorconnect.bench;

import io.operatorconnect.dialog.DialogAssigned;
import io.operatorconnect.dialog.DialogService;
import io.operatorconnect.dialog.DialogState;
import io.operatorconnect.dialog.DialogView;
import io.operatorconnect.operator.OperatorService;
import io.operatorconnect.process.BpmnNames;
import io.operatorconnect.routing.OperatorStatus;
import io.operatorconnect.testsupport.AssignmentAudit;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Flows per second of the full flow next to a bare process of the same shape, in one application, one
 * engine, one database and one run, under the same load (a plain load driver; no JMH, which suits one
 * short call, not a system with threads of its own).
 * <ul>
 *   <li><b>full</b>: a new dialog through {@link DialogService#start} with the benchmark's scenario
 *       ({@code bench_chat}: the connect action routing to the dialog's subject, or the queue), the
 *       operator's user task, the operator's close ({@link DialogService#close}, what
 *       {@code POST /api/dialogs/{id}/close} calls), which frees the slot and serves the queue;</li>
 *   <li><b>baseline</b>: {@code bench_baseline} through the engine's API alone: start, a no-op service
 *       task, a user task assigned to a pool operator, completed; no routing, no dialog;</li>
 *   <li><b>floor</b>: the full flow's diagram with the connect action replaced by a stand-in that routes
 *       in memory ({@link EngineFloor}): what the engine alone costs for that diagram, so the most any
 *       routing could reach.</li>
 * </ul>
 * The load: clients start flows from {@link Load#arrivalThreads} threads as fast as the application takes
 * them, with at most {@link Load#clientsAtOnce} flows open at once (the clients: one waits for one of
 * them to end); operators finish each flow after a random handling time, on fewer threads
 * ({@link Load#operatorThreads}). So operators close more slowly than clients arrive, open flows pile up
 * to the clients' limit, which is twice the online operators' slots, and in the full flow dialogs find
 * every slot of their subject and channel taken and wait in the queue. The handling times are short and
 * every thread always has work, so both flows are bound by the processor, not by operators sleeping:
 * the JVM's processor time per flow is reported beside the rates, and its ratio tells the same story.
 * <p>
 * A flow counts when the operator has finished it; throughput is flows over the wall time from the
 * first start to the last finish. Every flow runs {@link Load#warmUpFlows} first, unmeasured; the
 * measured flows come in batches in the order baseline, full, floor, floor, full, baseline (for two
 * rounds), so a machine that gets slower or faster during the run favours none of them.
 */
public final class FlowThroughput {

  static final Path PROCESSES = Path.of("src", "test", "resources", "bench", "processes");
  static final String FULL_SCENARIO = "bench_chat";
  static final String BASELINE_PROCESS = "bench_baseline";
  private static final int BATCH_TIMEOUT_MINUTES = 10;

  /** The load, the same for both flows. */
  public record Load(int arrivalThreads, int operatorThreads, int clientsAtOnce, int minHandlingMillis,
      int maxHandlingMillis, int warmUpFlows, int measuredFlows, int rounds) {

    /**
     * What {@link BenchmarkSuite} runs unless told otherwise ({@link #chosen()}): 4 client threads, 1
     * operator thread, 50 clients for the pool's 25 slots, handling times of 0 to 10 ms; 1,000 warm-up
     * flows and 2,000 measured ones of each kind, in four rounds (eight batches of 250 each: with the webhook, eight
     * pairs of neighbouring batches, see {@link Result#outboxCutPairs}). (With 300 warm-up flows the compiler was
     * still at work in the measured rounds: the baseline's processor time per flow fell from 5.9 to 3.6 ms
     * from one round to the next.) Longer
     * handling times would leave the full flow waiting for operators, bound by the slots, with the
     * processor idle: a ratio of the load, not of the code. One operator thread against
     * four client threads: with two, the operators kept up with the full flow once its close got cheap,
     * and hardly a dialog waited (a queue share of 0.001), so the flow no longer served the queue.
     */
    public static Load standard() {
      return new Load(4, 1, 2 * BenchOperators.slots(BenchOperators.POOL), 0, 10, 1000, 2000, 4);
    }

    /**
     * {@link #standard()}, or with the operator threads {@code -Dbench.operatorThreads} names: with two,
     * the operators keep up with the clients and hardly a dialog waits, so the immediate path is measured
     * nearly alone (not the load of issue 6, which asks for the queue to be used). With the webhook
     * ({@code -Dbench.webhook=true}), three times the rounds, of batches of the same size: one pair's cut moves
     * from about -0.1 to 0.4 within a run of the same code, so the outbox's cut is judged on the median of 24 pairs
     * and its interval ({@link Result#outboxCutInterval}), not of 8.
     */
    public static Load chosen() {
      Load standard = standard();
      String threads = System.getProperty("bench.operatorThreads", Integer.toString(standard.operatorThreads()));
      int operatorThreads;
      try {
        operatorThreads = Integer.parseInt(threads.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("-Dbench.operatorThreads must be a whole number, not '" + threads + "'", e);
      }
      if (operatorThreads < 1) {
        throw new IllegalArgumentException("-Dbench.operatorThreads must be at least 1, not " + operatorThreads);
      }
      int rounds = Boolean.getBoolean("bench.webhook") ? 3 * standard.rounds() : standard.rounds();
      return new Load(standard.arrivalThreads(), operatorThreads, standard.clientsAtOnce(),
          standard.minHandlingMillis(), standard.maxHandlingMillis(), standard.warmUpFlows(),
          standard.measuredFlows() / standard.rounds() * rounds, rounds);
    }
  }

  /** What one kind of flow did in its measured batches, summed. */
  public record Figures(int flows, long wallNanos, long cpuNanos, int servedFromQueue, long statements,
      long compileMillis, JvmThreads.Cpu threads) {

    static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, JvmThreads.Cpu.NONE);

    Figures plus(Figures other) {
      return new Figures(flows + other.flows, wallNanos + other.wallNanos, cpuNanos + other.cpuNanos,
          servedFromQueue + other.servedFromQueue, statements + other.statements, compileMillis + other.compileMillis,
          threads.plus(other.threads));
    }

    /**
     * The time the JIT compiler's threads spent compiling ({@code CompilationMXBean}), against the wall time (it
     * can pass 1: there is more than one of them). A profile of a run on two cores showed them at about a quarter of
     * the processor time in most batches after the warm-up (README, Performance): a batch's figures are those of a
     * JVM still compiling, and this says how much.
     */
    public double compilerShare() {
      return compileMillis * 1e6 / wallNanos;
    }

    public double perSecond() {
      return flows / (wallNanos / 1e9);
    }

    /**
     * The share of the machine's processors this JVM used meanwhile (H2 runs inside it, PostgreSQL does
     * not). Below 1 when other programs take their share too, or when the load leaves threads waiting.
     */
    public double cpuShare() {
      return cpuNanos / ((double) wallNanos * Runtime.getRuntime().availableProcessors());
    }

    /**
     * Processor time this JVM spent per flow: what a flow costs, whatever else ran on the machine
     * (with PostgreSQL, the database's own work is not in it).
     */
    /** The share of these flows whose dialog was served from the queue, not routed at once. */
    public double queueShare() {
      return servedFromQueue / (double) flows;
    }

    public double cpuMillisPerFlow() {
      return cpuNanos / 1e6 / flows;
    }

    /**
     * {@link #cpuMillisPerFlow}, the JIT compiler's threads left out ({@link JvmThreads}): what a flow costs in a
     * JVM whose code is compiled, as a server's is after its first minutes.
     */
    public double compiledCpuMillisPerFlow() {
      return (cpuNanos - threads.compiler()) / 1e6 / flows;
    }

    /** The processor time per flow of one group of threads ({@link JvmThreads.Cpu}'s), or of the rest. */
    double millisPerFlow(ToLongFunction<JvmThreads.Cpu> group) {
      return group.applyAsLong(threads) / 1e6 / flows;
    }

    /** The processor time per flow of the threads in no group: the flows' own, the engine's jobs, the rest. */
    double restMillisPerFlow() {
      return (cpuNanos - threads.total()) / 1e6 / flows;
    }

    /**
     * SQL statements the application sent per flow ({@link StatementCount}): what a flow costs, in a
     * figure no noise moves.
     */
    public double statementsPerFlow() {
      return statements / (double) flows;
    }
  }

  /**
   * @param fullWithWebhook  the full flow with a webhook on every channel ({@code -Dbench.webhook=true}), else
   *                         {@link Figures#NONE}
   * @param fullWebhookPaths its paths one flow at a time, or null
   * @param limitViolations an operator given more dialogs than a limit allows, checked inside each
   *                        assigning transaction ({@link AssignmentAudit})
   * @param otherViolations the audit's other findings: a load counter that disagrees with the dialogs,
   *                        a queued dialog overtaken
   * @param assignedTwice   dialogs given to an operator more than once
   * @param outboxCutPairs  the outbox's cut in each pair of neighbouring batches, the full flow's and the
   *                        webhook's (empty when the webhook was not measured)
   */
  public record Result(Load load, Figures baseline, Figures full, Figures fullWithWebhook, Figures floor,
      PathStatements.Path baselinePath, PathStatements.Paths fullPaths, PathStatements.Paths fullWebhookPaths,
      PathStatements.Paths floorPaths, int operators, int onlineOperators,
      int onlineSlots, List<String> limitViolations, List<String> otherViolations, List<String> assignedTwice,
      List<Double> outboxCutPairs, List<Double> outboxCutQuietPairs, double outboxCpuCutAtEqualQueueShare,
      double outboxCompiledCpuCutAtEqualQueueShare, Map<String, Double> outboxExtraMillisByThreads) {

    public double ratio() {
      return full.perSecond() / baseline.perSecond();
    }

    /** The most any routing could reach with the full flow's diagram, against the baseline ({@link EngineFloor}). */
    public double floorRatio() {
      return floor.perSecond() / baseline.perSecond();
    }

    /** What Operator Connect's own work leaves of the engine's rate on the full flow's diagram. */
    public double fullToFloor() {
      return full.perSecond() / floor.perSecond();
    }

    /**
     * What the outbox takes of the full flow's rate when every channel has a webhook (issue 19: at most 0.15);
     * NaN when the webhook was not measured.
     */
    public double outboxCut() {
      return fullWithWebhook.flows() == 0 ? Double.NaN : 1 - fullWithWebhook.perSecond() / full.perSecond();
    }

    /**
     * The median of the cuts of the pairs of neighbouring batches: on a machine whose speed moves by half from one
     * batch to the next (seen on this project's), one slow batch moves the pooled cut ({@link #outboxCut}) far;
     * the median of the pairs, much less. NaN when the webhook was not measured.
     */
    public double outboxCutMedian() {
      return median(outboxCutPairs);
    }

    /**
     * The median of the cuts of the pairs during which the compiler was quiet in both batches ({@link
     * #QUIET_COMPILER}): the outbox's cost in compiled code, not the compiler's work on its code. NaN when none was.
     */
    public double outboxCutQuietMedian() {
      return median(outboxCutQuietPairs);
    }

    static double median(List<Double> values) {
      if (values.isEmpty()) {
        return Double.NaN;
      }
      List<Double> sorted = values.stream().sorted().toList();
      int middle = sorted.size() / 2;
      return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /**
     * A 95 % interval for the median of the pairs' cuts, with no assumption on how they spread: between the k-th
     * smallest and the k-th largest, k the largest number for which fewer than k of n pairs fall below the median
     * with a chance of at most 2.5 % (the binomial's tail: k = 7 for 24 pairs, 1 for 8). Null when the webhook was
     * not measured or too few pairs give one (under 6).
     */
    public double[] outboxCutInterval() {
      return medianInterval(outboxCutPairs);
    }

    static double[] medianInterval(List<Double> values) {
      int n = values.size();
      int k = 0;
      double below = 0;
      while (k < n && (below += binomialHalf(n, k)) <= 0.025) {
        k++;
      }
      if (k == 0) {
        return null;
      }
      List<Double> sorted = values.stream().sorted().toList();
      return new double[] {sorted.get(k - 1), sorted.get(n - k)};
    }

    /** The chance of exactly {@code k} of {@code n} fair coins. */
    private static double binomialHalf(int n, int k) {
      double chance = Math.pow(0.5, n);
      for (int i = 0; i < k; i++) {
        chance = chance * (n - i) / (i + 1);
      }
      return chance;
    }

    /** The share of the measured full flows whose dialog was served from the queue, not routed at once. */
    public double servedFromQueueShare() {
      return full.queueShare();
    }
  }

  /**
   * How many turns of the full flow without and with the webhook warm up, each batch of half the warm-up flows: at
   * least the first, and until the compiler was quiet in both batches of two turns in a row, at most the second.
   */
  private static final int WEBHOOK_WARM_UP_TURNS = 4;
  private static final int WEBHOOK_WARM_UP_MOST_TURNS = 30;
  /**
   * A batch during which the JIT compiler's threads compiled for less than this share of its wall time ran code
   * that was compiled already. In a run of 24 pairs, the webhook's batches still had shares of 0.13 to 0.61 in its
   * last ten rounds, against 0.01 to 0.26 for the full flow's, and the pairs with the higher share had the higher
   * cuts: what the compiler was still doing for the webhook's code was charged to the outbox.
   */
  static final double QUIET_COMPILER = 0.15;

  private final Load load;
  private final StatementCount statements;
  private final AtomicInteger flowNumbers = new AtomicInteger();
  private int batches;

  private FlowThroughput(Load load, StatementCount statements) {
    this.load = load;
    this.statements = statements;
  }

  /**
   * Starts the application on a fresh database with the benchmark's diagrams and operators, runs both
   * flows and checks that every flow was finished and every dialog closed.
   */
  public static Result measure(BenchApplication.Database database, Load load) {
    try (BenchApplication app = BenchApplication.start(database, "throughput", PROCESSES,
        List.of(AssignmentAudit.class, CommittedAssignments.class, EngineFloor.class, EngineFloor.MarkStandIn.class,
            StatementCount.class))) {
      BenchOperators.create(app.bean(OperatorService.class), BenchOperators.POOL, BenchOperators.TOTAL);
      EngineFloor.deploy(app.bean(RepositoryService.class));
      List<String> agents = BenchOperators.POOL.stream().map(BenchOperators.Online::id).toList();
      Flow baseline = new Baseline(app.bean(RuntimeService.class), app.bean(TaskService.class), agents);
      Full full = new Full(app.bean(DialogService.class), app.bean(CommittedAssignments.class));
      EngineFloor floorDesk = app.bean(EngineFloor.class);
      Flow floor = floorDesk.new Flow(app.bean(RuntimeService.class), app.bean(TaskService.class));
      JdbcClient db = app.bean(JdbcClient.class);
      try (BenchWebhook webhook = BenchWebhook.startIfAsked(db)) {
        Result result = new FlowThroughput(load, app.bean(StatementCount.class)).run(app, baseline, full, floor,
            floorDesk, webhook);
        if (webhook != null) {
          System.out.println("[bench] webhook on: " + webhook.report(result.fullWithWebhook().flows()));
        }
        return result;
      }
    }
  }

  private Result run(BenchApplication app, Flow baseline, Full full, Flow floor, EngineFloor floorDesk,
      BenchWebhook webhook) {
    batch(baseline, load.warmUpFlows());
    int warmUpFullFlows = 0;
    if (webhook == null) {
      batch(full, load.warmUpFlows());
      warmUpFullFlows = load.warmUpFlows();
    } else {
      // The full flow with and without the webhook, in turns, as the measured batches run them, so that the
      // compiled code has seen both before the clock starts, and until the compiler is quiet in both. (With one
      // warm-up batch of each and a single sender, the pairs' cut fell from 0.36 to 0.10 over a run; with four
      // turns it still fell, from 0.26 to 0.10, and with three times the warm-up from 0.22 to 0.09, both kinds of
      // batch getting cheaper: the compiler was at work all along, README, Performance.)
      int quietTurns = 0;
      for (int turn = 0; turn < WEBHOOK_WARM_UP_MOST_TURNS && (turn < WEBHOOK_WARM_UP_TURNS || quietTurns < 2);
          turn++) {
        Figures off = batch(full, load.warmUpFlows() / 2);
        Figures on = batch(full, load.warmUpFlows() / 2, webhook);
        warmUpFullFlows += 2 * (load.warmUpFlows() / 2);
        quietTurns = off.compilerShare() < QUIET_COMPILER && on.compilerShare() < QUIET_COMPILER ? quietTurns + 1 : 0;
        System.out.printf("[bench] warm-up turn %d: full %.2f ms/flow, with the webhook %.2f ms/flow; compiler share"
            + " %.2f / %.2f%n", turn + 1, off.cpuMillisPerFlow(), on.cpuMillisPerFlow(), off.compilerShare(),
            on.compilerShare());
      }
    }
    batch(floor, load.warmUpFlows());
    Figures baselineFigures = Figures.NONE;
    Figures fullFigures = Figures.NONE;
    Figures webhookFigures = Figures.NONE;
    Figures floorFigures = Figures.NONE;
    int perBatch = load.measuredFlows() / (2 * load.rounds());
    List<Double> outboxCutPairs = new ArrayList<>();
    List<Double> outboxCutQuietPairs = new ArrayList<>();
    List<Figures> fullBatches = new ArrayList<>();
    List<Figures> webhookBatches = new ArrayList<>();
    if (webhook != null) {
      webhook.measuring(true);
    }
    for (int round = 0; round < 2 * load.rounds(); round++) {
      // baseline, full, (full with the webhook), floor, floor, (full with the webhook), full, baseline, ...: a
      // drift over the run weighs on all alike
      Figures fullBatch;
      Figures webhookBatch = null;
      if (round % 2 == 0) {
        baselineFigures = baselineFigures.plus(batch(baseline, perBatch));
        fullBatch = batch(full, perBatch);
        if (webhook != null) {
          webhookBatch = batch(full, perBatch, webhook);
        }
        floorFigures = floorFigures.plus(batch(floor, perBatch));
      } else {
        floorFigures = floorFigures.plus(batch(floor, perBatch));
        if (webhook != null) {
          webhookBatch = batch(full, perBatch, webhook);
        }
        fullBatch = batch(full, perBatch);
        baselineFigures = baselineFigures.plus(batch(baseline, perBatch));
      }
      fullFigures = fullFigures.plus(fullBatch);
      if (webhookBatch != null) {
        webhookFigures = webhookFigures.plus(webhookBatch);
        fullBatches.add(fullBatch);
        webhookBatches.add(webhookBatch);
        // each pair of neighbouring batches on its own: how far the cut moves within one run
        double cut = 1 - webhookBatch.perSecond() / fullBatch.perSecond();
        outboxCutPairs.add(cut);
        if (fullBatch.compilerShare() < QUIET_COMPILER && webhookBatch.compilerShare() < QUIET_COMPILER) {
          outboxCutQuietPairs.add(cut);
        }
        System.out.printf("[bench] round %d: full %.1f flows/s, %.2f ms/flow; with the webhook %.1f flows/s,"
                + " %.2f ms/flow; cut %.3f; served from the queue %.2f / %.2f; compiler share %.2f / %.2f;"
                + " without the compiler %.2f / %.2f ms/flow%n",
            round + 1, fullBatch.perSecond(), fullBatch.cpuMillisPerFlow(), webhookBatch.perSecond(),
            webhookBatch.cpuMillisPerFlow(), cut, fullBatch.queueShare(),
            webhookBatch.queueShare(), fullBatch.compilerShare(),
            webhookBatch.compilerShare(), fullBatch.compiledCpuMillisPerFlow(),
            webhookBatch.compiledCpuMillisPerFlow());
      }
    }
    if (webhook != null) {
      webhook.measuring(false);
    }
    int fullFlows = warmUpFullFlows + (webhook == null ? 1 : 2) * perBatch * 2 * load.rounds();
    JdbcClient db = app.bean(JdbcClient.class);
    AssignmentAudit audit = app.bean(AssignmentAudit.class);
    checkAllDone(db, app.bean(RuntimeService.class), full.assignedDialogs.size(), fullFlows);
    checkActionInputsLeftOutOfHistory(db);
    // each path alone, one flow at a time, with room for one dialog: an operator of its own subject, one slot
    PathStatements paths = new PathStatements(statements);
    PathStatements.Path baselinePath = paths.measureOnePath(baseline, flowNumbers.get() + 1);
    app.bean(OperatorService.class).create("path-op", "Path", Set.of(PathStatements.ARRIVAL.subject()), 1, Map.of(),
        OperatorStatus.ONLINE);
    PathStatements.Paths fullPaths = paths.measure(full, flowNumbers.get() + 1);
    PathStatements.Paths webhookPaths = null;
    if (webhook != null) {
      webhook.on();
      try {
        webhookPaths = paths.measure(full, flowNumbers.get() + 500_001);
        webhook.drain();
      } finally {
        webhook.off();
      }
    }
    int held = floorDesk.holdSlotsBut(1);
    PathStatements.Paths floorPaths = paths.measure(floor, flowNumbers.get() + 1_000_001);
    floorDesk.giveBack(held);
    List<String> other = new ArrayList<>(audit.violations());
    other.removeAll(audit.limitViolations());
    return new Result(load, baselineFigures, fullFigures, webhookFigures, floorFigures, baselinePath, fullPaths,
        webhookPaths, floorPaths,
        db.sql("SELECT COUNT(*) FROM oc_operator").query(Integer.class).single(), BenchOperators.POOL.size(),
        BenchOperators.slots(BenchOperators.POOL), audit.limitViolations(), other, audit.assignedTwice(),
        outboxCutPairs, outboxCutQuietPairs, cpuCutAtEqualQueueShare(fullBatches, webhookBatches),
        cpuCutAtEqualQueueShare(fullBatches, webhookBatches, Figures::compiledCpuMillisPerFlow),
        extraByThreadsAtEqualQueueShare(fullBatches, webhookBatches));
  }

  /**
   * Runs {@code flows} flows to their end: clients start them (each waits for a free client first),
   * operators finish each one a random handling time after it became theirs. Returns the wall time,
   * the JVM's processor time and how many dialogs the queue served.
   */
  private Figures batch(Flow flow, int flows) {
    return batch(flow, flows, null);
  }

  /**
   * {@link #batch(Flow, int)}, with every channel's webhook on when {@code webhook} is given: the batch then ends
   * when the last of its deliveries has been received.
   */
  private Figures batch(Flow flow, int flows, BenchWebhook webhook) {
    if (webhook != null) {
      webhook.on();
    }
    try {
      return measuredBatch(flow, flows, webhook);
    } finally {
      if (webhook != null) {
        webhook.off();
      }
    }
  }

  private Figures measuredBatch(Flow flow, int flows, BenchWebhook webhook) {
    int batch = ++batches;
    Semaphore clients = new Semaphore(load.clientsAtOnce());
    CountDownLatch finished = new CountDownLatch(flows);
    AtomicInteger next = new AtomicInteger();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    ScheduledExecutorService operators = Executors.newScheduledThreadPool(load.operatorThreads(),
        named("bench-operator-" + batch));
    ExecutorService arrivals = Executors.newFixedThreadPool(load.arrivalThreads(), named("bench-client-" + batch));
    Runnable flowOver = () -> {
      clients.release();
      finished.countDown();
    };
    flow.handTo(work -> operators.schedule(() -> {
      try {
        flow.finish(work);
      } catch (RuntimeException e) {
        failures.add(e);
      } finally {
        flowOver.run();
      }
    }, handlingMillis(), TimeUnit.MILLISECONDS));
    int queuedBefore = flow.servedFromQueue.get();
    long statementsBefore = statements.total();
    long cpuBefore = processCpuNanos();
    long compileBefore = COMPILER.getTotalCompilationTime();
    JvmThreads.Snapshot threadsBefore = JvmThreads.read();
    long begin = System.nanoTime();
    for (int t = 0; t < load.arrivalThreads(); t++) {
      Random random = new Random(batch * 1000L + t);
      arrivals.execute(() -> {
        while (failures.isEmpty() && next.getAndIncrement() < flows) {
          clients.acquireUninterruptibly();
          try {
            flow.start(flowNumbers.incrementAndGet(), random);
          } catch (RuntimeException e) {
            failures.add(e);
            flowOver.run();
          }
        }
      });
    }
    try {
      long deadline = begin + TimeUnit.MINUTES.toNanos(BATCH_TIMEOUT_MINUTES);
      while (!finished.await(100, TimeUnit.MILLISECONDS)) {
        if (!failures.isEmpty() || System.nanoTime() > deadline) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      arrivals.shutdownNow();
      operators.shutdownNow();
    }
    if (webhook != null && finished.getCount() == 0) {
      webhook.drain();
    }
    long wall = System.nanoTime() - begin;
    long cpu = processCpuNanos() - cpuBefore;
    JvmThreads.Cpu threads = JvmThreads.read().since(threadsBefore);
    long sent = statements.total() - statementsBefore;
    if (!failures.isEmpty()) {
      IllegalStateException failed = new IllegalStateException(flow.name() + " batch " + batch + ": "
          + failures.size() + " flow(s) failed");
      failures.forEach(failed::addSuppressed);
      throw failed;
    }
    if (finished.getCount() > 0) {
      throw new IllegalStateException(flow.name() + " batch " + batch + ": " + finished.getCount() + " of " + flows
          + " flows not finished after " + BATCH_TIMEOUT_MINUTES + " minutes");
    }
    return new Figures(flows, wall, cpu, flow.servedFromQueue.get() - queuedBefore, sent,
        COMPILER.getTotalCompilationTime() - compileBefore, threads);
  }

  /**
   * The outbox's cut in processor time per flow, the two kinds compared at the same share of dialogs served from
   * the queue: per kind, a straight line through its batches' processor time per flow against their queue share
   * (least squares), read at the mean share of all of them. A queued flow costs nearly twice an immediate one (160
   * statements against 90), and the share moved from 0.1 to 0.77 from one batch to the next in a run with the
   * compiler quiet, taking the pair's cut from -0.28 to 0.45 with it; this takes that out. The flows are bound by
   * the processors, so processor time per flow is what their rate answers to. NaN with fewer than three batches
   * of a kind or no spread in their shares.
   */
  static double cpuCutAtEqualQueueShare(List<Figures> full, List<Figures> webhook) {
    return cpuCutAtEqualQueueShare(full, webhook, Figures::cpuMillisPerFlow);
  }

  /** {@link #cpuCutAtEqualQueueShare(List, List)} of another measure of processor time per flow. */
  static double cpuCutAtEqualQueueShare(List<Figures> full, List<Figures> webhook, ToDoubleFunction<Figures> perFlow) {
    double share = meanQueueShare(full, webhook);
    return 1 - perFlowAt(full, share, perFlow) / perFlowAt(webhook, share, perFlow);
  }

  /**
   * Where the webhook's extra processor time per flow goes, by group of threads ({@link JvmThreads}), at the mean
   * share served from the queue as {@link #cpuCutAtEqualQueueShare} reads it: ms per flow with the webhook less
   * without, for the compiler, the garbage collector, the embedded database's background writers, the outbox's
   * threads, the receiver and the rest (the flows' own threads: what a step does to write its deliveries). Empty
   * when the groups could not be read; NaN for each with fewer than three batches of a kind.
   */
  static Map<String, Double> extraByThreadsAtEqualQueueShare(List<Figures> full, List<Figures> webhook) {
    if (Stream.concat(full.stream(), webhook.stream()).allMatch(batch -> batch.threads().total() == 0)) {
      return Map.of();
    }
    double share = meanQueueShare(full, webhook);
    Map<String, ToDoubleFunction<Figures>> groups = new LinkedHashMap<>();
    groups.put("compiler", batch -> batch.millisPerFlow(JvmThreads.Cpu::compiler));
    groups.put("gc", batch -> batch.millisPerFlow(JvmThreads.Cpu::gc));
    groups.put("database", batch -> batch.millisPerFlow(JvmThreads.Cpu::database));
    groups.put("outbox", batch -> batch.millisPerFlow(JvmThreads.Cpu::outbox));
    groups.put("receiver", batch -> batch.millisPerFlow(JvmThreads.Cpu::receiver));
    groups.put("rest", Figures::restMillisPerFlow);
    groups.put("all", Figures::cpuMillisPerFlow);
    Map<String, Double> extra = new LinkedHashMap<>();
    groups.forEach((group, perFlow) -> extra.put(group, perFlowAt(webhook, share, perFlow)
        - perFlowAt(full, share, perFlow)));
    return extra;
  }

  private static double meanQueueShare(List<Figures> full, List<Figures> webhook) {
    return Stream.concat(full.stream(), webhook.stream()).mapToDouble(Figures::queueShare).average()
        .orElse(Double.NaN);
  }

  private static double perFlowAt(List<Figures> batches, double share, ToDoubleFunction<Figures> perFlow) {
    if (batches.size() < 3) {
      return Double.NaN;
    }
    double[] x = batches.stream().mapToDouble(Figures::queueShare).toArray();
    double[] y = batches.stream().mapToDouble(perFlow).toArray();
    double meanX = Arrays.stream(x).average().orElseThrow();
    double meanY = Arrays.stream(y).average().orElseThrow();
    double covariance = 0;
    double variance = 0;
    for (int i = 0; i < x.length; i++) {
      covariance += (x[i] - meanX) * (y[i] - meanY);
      variance += (x[i] - meanX) * (x[i] - meanX);
    }
    return variance == 0 ? Double.NaN : meanY + covariance / variance * (share - meanX);
  }

  private long handlingMillis() {
    return ThreadLocalRandom.current().nextLong(load.minHandlingMillis(), load.maxHandlingMillis() + 1);
  }

  /** Every flow ran to its end: each dialog reached an operator and was closed, no slot is left taken. */
  private static void checkAllDone(JdbcClient db, RuntimeService runtime, int assignedDialogs, int fullFlows) {
    int open = db.sql("SELECT COUNT(*) FROM oc_dialog WHERE state <> 'CLOSED'").query(Integer.class).single();
    int dialogs = db.sql("SELECT COUNT(*) FROM oc_dialog").query(Integer.class).single();
    int slotsTaken = db.sql("SELECT COALESCE(SUM(active_dialogs), 0) FROM oc_operator").query(Integer.class).single();
    long instances = runtime.createProcessInstanceQuery().count();
    if (open != 0 || dialogs != fullFlows || assignedDialogs != fullFlows || slotsTaken != 0 || instances != 0) {
      throw new IllegalStateException("the load did not run to its end: " + dialogs + " dialogs for " + fullFlows
          + " full flows, " + assignedDialogs + " of them assigned, " + open + " not closed, " + slotsTaken
          + " slots still taken, " + instances + " process instances still running");
    }
  }

  /**
   * The engine left the inputs of the full flow's action and of the floor's stand-in out of the variable
   * history alike (process.AuditWithoutActionInputs, EngineFloor.MarkStandIn): otherwise the floor would do
   * engine work the full flow does not.
   */
  private static void checkActionInputsLeftOutOfHistory(JdbcClient db) {
    int inputs = db.sql("SELECT COUNT(*) FROM ACT_HI_VARINST WHERE NAME_ = 'auto_connect_operator'")
        .query(Integer.class).single();
    int outputs = db.sql("SELECT COUNT(*) FROM ACT_HI_VARINST WHERE NAME_ = ?").param(BpmnNames.CONNECT_RESULT)
        .query(Integer.class).single();
    if (inputs != 0 || outputs == 0) {
      throw new IllegalStateException("the variable history holds " + inputs + " action inputs and " + outputs
          + " action outputs: the full flow and the floor were not recorded alike");
    }
  }

  private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> new Thread(runnable, prefix + "-" + count.incrementAndGet());
  }

  /** What a client's dialog asks for: support half of the time, sales 30 %, billing 20 %; any channel. */
  record Arrival(String subject, String channel) {

    static Arrival draw(Random random) {
      int draw = random.nextInt(10);
      return new Arrival(BenchOperators.SUBJECTS.get(draw < 5 ? 0 : draw < 8 ? 1 : 2),
          BenchOperators.CHANNELS.get(random.nextInt(BenchOperators.CHANNELS.size())));
    }
  }

  /** One kind of flow: how a client starts one and how an operator finishes it. */
  abstract static class Flow {

    /** Dialogs that reached their operator from the queue (full flow only). */
    final AtomicInteger servedFromQueue = new AtomicInteger();
    private volatile Consumer<String> operators = work -> {
      throw new IllegalStateException("work " + work + " became ready outside a batch");
    };

    abstract String name();

    /** A client's arrival: starts flow {@code number} for a random subject and channel. */
    final void start(int number, Random random) {
      start(number, Arrival.draw(random));
    }

    /** A client's arrival: starts flow {@code number} for this subject and channel. */
    abstract void start(int number, Arrival arrival);

    /** The operator is done with the work, which {@link #ready} named. */
    abstract void finish(String work);

    /** The work is the operator's now: their handling time starts. */
    final void ready(String work) {
      operators.accept(work);
    }

    void handTo(Consumer<String> operators) {
      this.operators = operators;
    }
  }

  /** The bare process through the engine's API: no dialog, no routing, no Operator Connect at all. */
  static final class Baseline extends Flow {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final List<String> agents;

    Baseline(RuntimeService runtime, TaskService tasks, List<String> agents) {
      this.runtime = runtime;
      this.tasks = tasks;
      this.agents = agents;
    }

    @Override
    String name() {
      return "baseline";
    }

    /** Starts the instance, whose start runs up to the user task; the task is the operator's at once. */
    @Override
    void start(int number, Arrival arrival) {
      String agent = agents.get(Math.floorMod(number, agents.size()));
      String instance = runtime.startProcessInstanceByKey(BASELINE_PROCESS, "flow-" + number,
          Map.of("agent", agent)).getId();
      ready(tasks.createTaskQuery().processInstanceId(instance).singleResult().getId());
    }

    @Override
    void finish(String taskId) {
      tasks.complete(taskId);
    }
  }

  /**
   * A new dialog of a random subject (support half of the time, sales 30 %, billing 20 %) on a random
   * channel; it is the operator's when its assignment has committed, at once or from the queue.
   */
  static final class Full extends Flow {

    private final DialogService dialogs;
    /** Every dialog that reached an operator. */
    final Set<String> assignedDialogs = ConcurrentHashMap.newKeySet();

    Full(DialogService dialogs, CommittedAssignments assignments) {
      this.dialogs = dialogs;
      assignments.listen(this::assigned);
    }

    @Override
    String name() {
      return "full";
    }

    @Override
    void start(int number, Arrival arrival) {
      DialogView dialog = dialogs.start(arrival.channel(), "client-" + number, FULL_SCENARIO,
          Map.of("subject", arrival.subject()));
      if (dialog.state() != DialogState.TAKEN_OVER && dialog.state() != DialogState.QUEUED) {
        throw new IllegalStateException("dialog " + dialog.id() + " is " + dialog.state() + " after its start"
            + " (connect result " + dialog.connectResult() + "): it neither has an operator nor waits for one");
      }
    }

    /**
     * A dialog given to an operator a second time is not handed to the operators again: the audit
     * counts it, and the figures report it instead of the run failing on a close of a closed dialog.
     */
    private void assigned(DialogAssigned assigned) {
      if (!assignedDialogs.add(assigned.dialogId())) {
        return;
      }
      if (assigned.via() == DialogAssigned.Via.QUEUE) {
        servedFromQueue.incrementAndGet();
      }
      ready(assigned.dialogId());
    }

    @Override
    void finish(String dialogId) {
      dialogs.close(dialogId);
    }
  }
}
