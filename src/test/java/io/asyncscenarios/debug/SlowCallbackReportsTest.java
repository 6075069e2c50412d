package io.asyncscenarios.debug;

import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.Recorder;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.threadchecker.BlockedThreadChecker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The blocked-thread checker of a debug-mode instance (100 ms), heard through its events rather than its log. */
class SlowCallbackReportsTest {

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private LogCapture checkerLog;

  @BeforeEach
  void start() {
    SlowCallbackReports.prepare();
    vertx = Vertx.vertx(DebugOptions.vertxOptions(100));
    checkerLog = LogCapture.attach(BlockedThreadChecker.LOGGER_NAME, record -> logged.add(record.getFormattedMessage()));
  }

  @AfterEach
  void stop() throws Exception {
    checkerLog.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void eachBlockingEpisodeIsOneWarningWithTheBlockedCodeAndNothingLogged() throws Exception {
    try (SlowCallbackReports reports = new SlowCallbackReports(vertx, new Recorder(events::add))) {
      blockAnEventLoop(300);
      // Shorter: the checker tells episodes apart by a duration that starts again from zero.
      blockAnEventLoop(200);
    }
    List<String> warnings = warnings();
    assertEquals(2, warnings.size(), warnings::toString);
    for (String warning : warnings) {
      assertTrue(warning.matches("(?s)Thread vert\\.x-eventloop-thread-\\d+ has been blocked for \\d+ ms, time limit is 100 ms.*"), warning);
      assertTrue(warning.contains("; the blocked code:\n  at ") && warning.contains(SlowCallbackReportsTest.class.getName() + ".sleep("), warning);
    }
    assertEquals(List.of(), logged);
  }

  @Test
  void quietOutsideDebugScenariosKeepsTheCheckerSilentBeforeAndAfterTheReports() throws Exception {
    SlowCallbackReports.quietOutsideDebugScenarios(vertx);
    blockAnEventLoop(200);
    try (SlowCallbackReports reports = new SlowCallbackReports(vertx, new Recorder(events::add))) {
      blockAnEventLoop(200);
    }
    blockAnEventLoop(200);
    assertEquals(1, warnings().size(), warnings()::toString);
    assertEquals(List.of(), logged);
  }

  @Test
  void unlessQuietedTheCheckerLogsAgainOnceTheReportsClose() throws Exception {
    new SlowCallbackReports(vertx, new Recorder(events::add)).close();
    blockAnEventLoop(150);
    assertEquals(List.of(), warnings());
    assertTrue(logged.stream().anyMatch(m -> m.contains("has been blocked for")), logged::toString);
  }

  private List<String> warnings() {
    return events.stream().filter(e -> e.type() == EventType.WARN).map(Event::message).toList();
  }

  /** Holds an event loop for {@code ms}, and returns once it is free again. */
  private void blockAnEventLoop(long ms) throws Exception {
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> {
      sleep(ms);
      done.complete();
    });
    done.future().await(5, TimeUnit.SECONDS);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
