package io.operatorconnect.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for the servers a test starts (nodes, webhook receivers): any the system gives, or, where
 * {@code OC_TEST_PORTS} names a range such as {@code 18400-18499} (several work trees running tests on one
 * machine, each in a range of its own), one of that range.
 */
public final class TestPorts {

  private static final String RANGE = System.getenv("OC_TEST_PORTS");
  /** Where the next look in the range starts: a port handed out is not handed out again at once. */
  private static final AtomicInteger NEXT = new AtomicInteger();

  private TestPorts() {
  }

  /** A port to bind a server to: 0 (the system picks one) without a range, else a free one of the range. */
  public static int any() {
    return RANGE == null || RANGE.isBlank() ? 0 : free();
  }

  /** A port that is free now, for a server that is told its port and binds it a little later. */
  public static int free() {
    if (RANGE == null || RANGE.isBlank()) {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String[] bounds = RANGE.trim().split("-");
    int first = Integer.parseInt(bounds[0].trim());
    int size = Integer.parseInt(bounds[1].trim()) - first + 1;
    for (int i = 0; i < size; i++) {
      int port = first + Math.floorMod(NEXT.getAndIncrement(), size);
      try (ServerSocket socket = new ServerSocket(port)) {
        return port;
      } catch (IOException taken) {
        // the next one
      }
    }
    throw new IllegalStateException("no free port in OC_TEST_PORTS=" + RANGE);
  }
}
