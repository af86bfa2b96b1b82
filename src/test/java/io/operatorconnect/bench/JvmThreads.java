package io.operatorconnect.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The processor time of this JVM's threads by what they do, read from {@code /proc/self/task} (Linux; zero
 * elsewhere): the JIT compiler's and the garbage collector's threads, which {@link java.lang.management.ThreadMXBean}
 * does not list, the embedded database's background writers, the outbox's threads and the benchmark's webhook
 * receiver. With a reading before and after a batch, what each took of it; what the flows' own threads took is the
 * process's time less these (the flows' threads end with their batch, so they cannot be read themselves). Each
 * thread is compared with its own earlier reading, by its id, so one that ends or starts between two readings moves
 * no other's figure.
 * <p>
 * The kernel counts in ticks of 10 ms ({@code USER_HZ} is 100 on Linux): a batch of a few seconds gives each group's
 * time to about a hundredth of a millisecond per flow. A thread that ends between two readings loses its time to
 * the rest (the receiver's workers end only when the client closes a connection, after five minutes; the JVM ends
 * a compiler thread it no longer needs).
 */
final class JvmThreads {

  private static final Path TASKS = Path.of("/proc/self/task");
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** Processor time in nanoseconds, by group of threads. */
  record Cpu(long compiler, long gc, long database, long outbox, long receiver) {

    static final Cpu NONE = new Cpu(0, 0, 0, 0, 0);

    Cpu plus(Cpu other) {
      return new Cpu(compiler + other.compiler, gc + other.gc, database + other.database, outbox + other.outbox,
          receiver + other.receiver);
    }

    long total() {
      return compiler + gc + database + outbox + receiver;
    }
  }

  private JvmThreads() {
  }

  /** Each live thread of a group, by its id, with its group and its processor time so far in ticks. */
  record Snapshot(Map<String, long[]> threads) {

    static final Snapshot NONE = new Snapshot(Map.of());

    /**
     * What each group's threads took since {@code before}: a thread's time less its earlier reading, or all of it
     * when it started since. A thread that ended meanwhile counts for nothing here (the JVM ends compiler threads
     * it no longer needs: a sum over the live threads alone once lost one's 150 s).
     */
    Cpu since(Snapshot before) {
      long[] groups = new long[5];
      threads.forEach((id, now) -> {
        long[] earlier = before.threads.get(id);
        long ticks = earlier == null || earlier[0] != now[0] ? now[1] : now[1] - earlier[1];
        groups[(int) now[0]] += ticks * NANOS_PER_TICK;
      });
      return new Cpu(groups[0], groups[1], groups[2], groups[3], groups[4]);
    }
  }

  /** The live threads of the groups, and their processor time so far; {@link Snapshot#NONE} where {@code /proc} cannot be read. */
  static Snapshot read() {
    Map<String, long[]> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          int group = groupOf(Files.readString(task.resolve("comm")).strip());
          if (group >= 0) {
            threads.put(task.getFileName().toString(), new long[] {group, ticks(Files.readString(task.resolve("stat")))});
          }
        } catch (NoSuchFileException ended) {
          // the thread ended while being read: its time is in the rest
        }
      }
    } catch (IOException | UnsupportedOperationException notLinux) {
      return Snapshot.NONE;
    }
    return new Snapshot(threads);
  }

  /**
   * The group of a thread by its name as the kernel keeps it (the first 15 characters): 0 compiler, 1 garbage
   * collector (and the VM thread, which runs its pauses), 2 database, 3 outbox, 4 receiver, -1 the rest.
   */
  static int groupOf(String name) {
    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
      return 0;
    }
    if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
      return 1;
    }
    if (name.startsWith("H2-") || name.startsWith("MVStore")) {
      return 2;
    }
    if (name.startsWith("outbox-") || name.startsWith("webhook-")) { // the dispatcher, senders, deadlines
      return 3;
    }
    return name.startsWith("HTTP-") ? 4 : -1;
  }

  /**
   * User and system time, in ticks, from a {@code stat} line: the 14th and 15th fields, counted after the name in
   * parentheses (which may hold spaces and parentheses itself, so the fields are counted from its last ')').
   */
  static long ticks(String stat) {
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // after[0] is the 3rd field (the state): utime is the 14th, stime the 15th
    return Long.parseLong(after[11]) + Long.parseLong(after[12]);
  }
}
