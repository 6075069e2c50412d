package io.asyncscenarios.debug;

import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.Recorder;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.threadchecker.BlockedThreadChecker;
import io.vertx.core.internal.threadchecker.BlockedThreadEvent;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Turns the blocked-thread events of a Vert.x instance into {@code warn} events of a scenario: which thread,
 * how long, and the stack of the code that blocked it, as asyncio's debug mode logs a slow callback. A loop
 * that stood still mostly because the JVM was collecting garbage is reported as such, not as a slow callback.
 *
 * <p>While attached, it takes the place of the checker's own logging. The checker reports at every check
 * while a thread stays blocked; one event per blocking episode is enough, so an event is recorded only when
 * it starts a new one.
 */
public final class SlowCallbackReports implements AutoCloseable {

  static final int STACK_FRAMES = 12;

  private static final Handler<BlockedThreadEvent> QUIET = event -> { };
  // The checkers that stay quiet between debug scenarios; weak, so that a closed instance's can go.
  private static final Set<BlockedThreadChecker> QUIET_BETWEEN = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private final Recorder recorder;
  private final BlockedThreadChecker checker;
  private final GcPauses gcPauses = GcPauses.get();
  // The duration of each thread's last event, in ns: a longer one continues the same episode.
  private final Map<Thread, Long> lastBlockedNanos = new HashMap<>();
  private boolean closed;

  /**
   * Does before Vert.x starts what would otherwise take an event loop over the limit the first time, and be
   * reported as a slow callback that is not one: listening to the JVM's collections, and Netty's
   * registration of its flight-recorder events, which its buffer allocator does on its first chunk
   * (about 100 ms).
   */
  public static void prepare() {
    GcPauses.get();
    try {
      Class.forName("io.netty.buffer.AllocateChunkEvent", true, SlowCallbackReports.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      // Another Netty: nothing to prepare.
    }
  }

  /**
   * While debug mode is on for some scenarios only, the checker's warnings belong to those scenarios: outside
   * them, from now on, the tightened checker of {@code vertx} stays quiet.
   */
  public static void quietOutsideDebugScenarios(Vertx vertx) {
    BlockedThreadChecker checker = checkerOf(vertx);
    QUIET_BETWEEN.add(checker);
    checker.setThreadBlockedHandler(QUIET);
  }

  /** Records the blocked threads of {@code vertx} as warnings of the scenario {@code recorder} belongs to, until closed. */
  public SlowCallbackReports(Vertx vertx, Recorder recorder) {
    this.recorder = recorder;
    this.checker = checkerOf(vertx);
    // Replaces the checker's logging: it would repeat, with a full stack, at every check while a thread stays
    // blocked; the scenario's one event per episode says it all.
    checker.setThreadBlockedHandler(this::onBlocked);
  }

  private static BlockedThreadChecker checkerOf(Vertx vertx) {
    // Internal API, and the only way to hear the checker: Vert.x has no public hook for its blocked-thread events.
    return ((VertxInternal) vertx).blockedThreadChecker();
  }

  /** Called on the checker's thread, once per check for every thread blocked past its limit. */
  private synchronized void onBlocked(BlockedThreadEvent event) {
    Long previous = lastBlockedNanos.put(event.thread(), event.duration());
    if (closed || previous != null && event.duration() > previous) {
      return;
    }
    String thread = event.thread().getName();
    long blockedMs = event.duration() / 1_000_000;
    long limitMs = event.maxExecTime() / 1_000_000;
    long collecting = gcPauses.pausedWithinLast(blockedMs);
    if (blockedMs - collecting < limitMs) {
      // The loop stood still because the whole JVM did: no callback of ours ran long.
      recorder.record(-1, EventType.WARN, thread, "Thread " + thread + " stood still for " + blockedMs + " ms, " + collecting
        + " ms of it in garbage collection: a pause of the JVM, not a slow callback");
      return;
    }
    String gc = collecting == 0 ? "" : " (" + collecting + " ms of it in garbage collection)";
    recorder.record(-1, EventType.WARN, thread, "Thread " + thread + " has been blocked for " + blockedMs + " ms, time limit is "
      + limitMs + " ms" + gc + stack(event.thread().getStackTrace()));
  }

  private static String stack(StackTraceElement[] frames) {
    if (frames.length == 0) {
      return "";
    }
    StringBuilder stack = new StringBuilder("; the blocked code:");
    for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
      stack.append("\n  at ").append(frames[i]);
    }
    return stack.toString();
  }

  /** Hands the checker back: quiet if {@link #quietOutsideDebugScenarios} said so, else to its own logging. */
  @Override
  public synchronized void close() {
    closed = true;
    checker.setThreadBlockedHandler(QUIET_BETWEEN.contains(checker) ? QUIET : null);
  }
}
