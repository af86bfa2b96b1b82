package io.operatorconnect.system;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job on a thread of its own whenever asked; requests that arrive before the run starts are merged
 * into it, so a burst of commits costs one run, and a request during a run asks for one more. A failed run
 * is logged, and the next request runs the job again. The queue's drain and the outbox's look use it.
 */
public final class CoalescingWorker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CoalescingWorker.class);

  private final String name;
  private final Runnable job;
  private final ExecutorService thread;
  private final AtomicBoolean scheduled = new AtomicBoolean();

  public CoalescingWorker(String name, Runnable job) {
    this.name = name;
    this.job = job;
    this.thread = Executors.newSingleThreadExecutor(daemonThreads(name));
  }

  /** Asks for a run; merged into one that is asked for and not started yet. */
  public void request() {
    if (scheduled.getAndSet(true)) {
      return;
    }
    try {
      thread.execute(() -> {
        scheduled.set(false);
        try {
          job.run();
        } catch (RuntimeException e) {
          log.error("{} failed; the next request runs it again", name, e);
        }
      });
    } catch (RejectedExecutionException shuttingDown) {
      scheduled.set(false);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }

  /** Daemon threads named {@code name-1}, {@code name-2}, ...: they never keep the JVM from stopping. */
  public static ThreadFactory daemonThreads(String name) {
    AtomicInteger number = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
