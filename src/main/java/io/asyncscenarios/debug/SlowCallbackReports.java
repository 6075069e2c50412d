package io.asyncscenarios.debug;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.Recorder;
import io.vertx.core.internal.threadchecker.BlockedThreadChecker;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Vert.x's blocked-thread warnings into {@code warn} events of a scenario: which thread, how long,
 * and the stack of the code that blocked it, as asyncio's debug mode logs a slow callback. A loop that
 * stood still mostly because the JVM was collecting garbage is reported as such, not as a slow callback.
 *
 * <p>The checker warns at every check while a thread stays blocked; one event per blocking episode is
 * enough, so a warning is recorded only when it starts a new one.
 */
public final class SlowCallbackReports implements AutoCloseable {

  private static final Pattern WARNING = Pattern.compile("Thread (.+) has been blocked for (\\d+) ms.*");
  static final int STACK_FRAMES = 12;

  private final Recorder recorder;
  private final long limitMs;
  private final GcPauses gcPauses = GcPauses.get();
  private final Map<String, Long> lastBlockedMs = new HashMap<>();
  private final LogCapture capture;
  private final Level levelBefore;

  /**
   * While debug mode is on for some scenarios only, the checker's warnings belong to those scenarios:
   * between them the tightened checker stays quiet ({@link #quietOutsideDebugScenarios()}).
   */
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

  public static void quietOutsideDebugScenarios() {
    checkerLogger().setLevel(Level.ERROR);
  }

  private static Logger checkerLogger() {
    return (Logger) LoggerFactory.getLogger(BlockedThreadChecker.LOGGER_NAME);
  }

  /** @param limitMs how long a callback may run, {@code slowCallbackMs} */
  public SlowCallbackReports(Recorder recorder, long limitMs) {
    this.recorder = recorder;
    this.limitMs = limitMs;
    this.levelBefore = checkerLogger().getLevel();
    checkerLogger().setLevel(Level.WARN);
    // Exclusive: the checker repeats its warning, with a full stack, at every check while a thread stays
    // blocked; the scenario's one event per episode says it all.
    this.capture = LogCapture.attach(BlockedThreadChecker.LOGGER_NAME, this::onWarning, true);
  }

  private synchronized void onWarning(ILoggingEvent event) {
    Matcher warning = WARNING.matcher(event.getFormattedMessage());
    if (!warning.matches()) {
      return;
    }
    String thread = warning.group(1);
    long blockedMs = Long.parseLong(warning.group(2));
    Long previous = lastBlockedMs.put(thread, blockedMs);
    if (previous != null && blockedMs > previous) {
      return;
    }
    long collecting = gcPauses.pausedWithinLast(blockedMs);
    if (blockedMs - collecting < limitMs) {
      // The loop stood still because the whole JVM did: no callback of ours ran long.
      recorder.record(-1, EventType.WARN, thread, "Thread " + thread + " stood still for " + blockedMs + " ms, " + collecting
        + " ms of it in garbage collection: a pause of the JVM, not a slow callback");
      return;
    }
    String gc = collecting == 0 ? "" : " (" + collecting + " ms of it in garbage collection)";
    recorder.record(-1, EventType.WARN, thread, event.getFormattedMessage() + gc + stack(event.getThrowableProxy()));
  }

  private static String stack(IThrowableProxy proxy) {
    if (proxy == null) {
      return "";
    }
    StringBuilder stack = new StringBuilder("; the blocked code:");
    StackTraceElementProxy[] frames = proxy.getStackTraceElementProxyArray();
    for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
      stack.append("\n  at ").append(frames[i].getStackTraceElement());
    }
    return stack.toString();
  }

  @Override
  public void close() {
    capture.close();
    checkerLogger().setLevel(levelBefore);
  }
}
