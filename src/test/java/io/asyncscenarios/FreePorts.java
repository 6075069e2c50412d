package io.asyncscenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports nobody listens on, for the tests: one to give a server (or to find a refused connection
 * at), or a run of them for a cluster of its own. Free when asked; another process may take one after.
 */
public final class FreePorts {

  private FreePorts() {
  }

  /** A loopback port free now (the system's choice), closed again: connecting to it is refused. */
  public static int one() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first of {@code count} consecutive loopback ports free now, away from Hazelcast's usual 5701. */
  public static int range(int count) throws IOException {
    for (int tries = 0; tries < 100; tries++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 30_000);
      if (allFree(base, count)) {
        return base;
      }
    }
    throw new IOException("no " + count + " consecutive free ports found between 20000 and 30000");
  }

  private static boolean allFree(int base, int count) {
    for (int port = base; port < base + count; port++) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
  }
}
