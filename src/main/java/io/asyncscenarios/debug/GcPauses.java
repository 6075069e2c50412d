package io.asyncscenarios.debug;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The JVM's recent stop-the-world collections, heard from the collectors' notifications, so that an event
 * loop found standing still can be told apart from a callback that ran long: both look the same to the
 * blocked-thread checker, which measures wall time.
 */
final class GcPauses {

  private static final GcPauses INSTANCE = new GcPauses();
  private static final int KEPT = 256;

  // Start and end of each pause, in ms since the JVM started, the oldest first.
  private final Deque<long[]> pauses = new ArrayDeque<>();

  private GcPauses() {
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      // G1's "Concurrent GC", ZGC's and Shenandoah's "Cycles" beans time concurrent work, which does not
      // stop the application; their pauses have beans of their own.
      String name = collector.getName();
      if (collector instanceof NotificationEmitter emitter && !name.contains("Concurrent") && !name.contains("Cycles")) {
        emitter.addNotificationListener((notification, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
            add(info.getStartTime(), info.getEndTime());
          }
        }, null, null);
      }
    }
  }

  static GcPauses get() {
    return INSTANCE;
  }

  private synchronized void add(long startMs, long endMs) {
    if (pauses.size() == KEPT) {
      pauses.removeFirst();
    }
    pauses.addLast(new long[] {startMs, endMs});
  }

  /** How many of the last {@code windowMs} milliseconds the JVM spent in collections that stop it. */
  synchronized long pausedWithinLast(long windowMs) {
    long now = ManagementFactory.getRuntimeMXBean().getUptime();
    long from = now - windowMs;
    long paused = 0;
    for (long[] pause : pauses) {
      paused += Math.max(0, Math.min(pause[1], now) - Math.max(pause[0], from));
    }
    return paused;
  }
}
