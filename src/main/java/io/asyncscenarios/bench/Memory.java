package io.asyncscenarios.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a benchmark cost in memory: the peak heap (summed over the heap pools' peaks since the last
 * reset) and the process's resident set from {@code /proc/self/status}.
 */
public final class Memory {

  private Memory() {
  }

  /**
   * Collects what earlier work left on the heap, then restarts the peaks, so that a benchmark's figures
   * are its own. The collection runs on a worker thread: it stops the world for a moment.
   */
  public static Future<Void> settle(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      System.gc();
      resetPeaks();
      return null;
    });
  }

  /** Restarts the peaks without collecting: a collection first would shrink the young generation. */
  public static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** {@code value} with {@code decimals} decimals, for figures people read. */
  public static double round(double value, int decimals) {
    return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
  }

  public static double peakHeapMb() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP)
      .mapToLong(pool -> pool.getPeakUsage().getUsed())
      .sum() / (1024.0 * 1024);
  }

  /** The resident set high-water mark (VmHWM) in MB, or -1 where /proc is not available. */
  public static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: the figure is simply not available.
    }
    return -1;
  }
}
