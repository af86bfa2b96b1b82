package io.operatorconnect.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.function.Predicate;

/**
 * The processor time the live threads of some names have used so far: with a reading before and after, what a
 * part of the application cost (the outbox's dispatcher and senders, which live as long as it), apart
 * from the rest of the JVM's.
 */
final class ThreadCpu {

  private ThreadCpu() {
  }

  static long nanos(Predicate<String> name) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && name.test(info.getThreadName())) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        total += Math.max(cpu, 0);
      }
    }
    return total;
  }

  /** The outbox's own threads: the dispatcher, its senders, the webhook client's deadlines. */
  static boolean outbox(String thread) {
    return thread.startsWith("outbox-") || thread.startsWith("webhook-");
  }
}
