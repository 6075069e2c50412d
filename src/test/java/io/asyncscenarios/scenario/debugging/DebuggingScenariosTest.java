package io.asyncscenarios.scenario.debugging;

import io.asyncscenarios.debug.DebugOptions;
import io.asyncscenarios.debug.LogCapture;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.asyncscenarios.runner.TestRuns;
import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class DebuggingScenariosTest {

  @Test
  void debugModeReportsTheForgottenTaskAndTheBlockedLoopWithTheirSites() throws Exception {
    // Debug mode is a property of the Vert.x instance: its blocked-thread checker, tightened.
    Vertx debugVertx = Vertx.vertx(DebugOptions.vertxOptions(100));
    try {
      ScenarioOutcome outcome = TestRuns.run(debugVertx, "debug-mode");
      assertEquals(Status.PASSED, outcome.status(), outcome.claims()::toString);
      List<String> warnings = warnings(outcome);
      assertEquals(2, warnings.size(), warnings::toString);
      assertTrue(warnings.stream().anyMatch(w -> w.startsWith("Thread vert.x-eventloop-thread")
        && w.contains("has been blocked for") && w.contains("DebugModeScenario.blockTheEventLoop(")), warnings::toString);
      assertTrue(warnings.stream().anyMatch(w -> w.startsWith("task 'test' was never observed")
        && w.contains("DebugModeScenario.test(DebugModeScenario.java:")), warnings::toString);
    } finally {
      debugVertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void withoutDebugModeTheSameTrapsReportNothing(Vertx vertx) {
    JsonObject off = new JsonObject().put("scenario", new JsonObject().put("debug-mode", new JsonObject().put("debug", false)));
    ScenarioOutcome outcome = TestRuns.run(vertx, "debug-mode", off);
    assertEquals(Status.PASSED, outcome.status(), outcome.claims()::toString);
    assertEquals(List.of(), warnings(outcome));
  }

  @Test
  void debugModeClaimsFailWhenTheLoopWasNotWatched(Vertx vertx) {
    // Debug mode asked for, but on an instance whose checker waits 2 s: the blocked loop goes unreported.
    ScenarioOutcome outcome = TestRuns.run(vertx, "debug-mode");
    assertEquals(Status.FAILED, outcome.status());
  }

  @Test
  void loggingScenarioWritesSixDebugRecordsNamingThreadAndTask(Vertx vertx) {
    List<String> records = new CopyOnWriteArrayList<>();
    try (LogCapture capture = LogCapture.attach(LoggingScenario.class.getName(), record ->
      records.add(record.getLevel() + " " + record.getThreadName() + " " + Tasks.currentTaskName() + " " + record.getFormattedMessage()))) {
      ScenarioOutcome outcome = TestRuns.run(vertx, "logging");
      assertEquals(Status.PASSED, outcome.status(), outcome.claims()::toString);
    }
    assertEquals(6, records.size(), records::toString);
    for (String record : records) {
      assertTrue(record.matches("DEBUG vert\\.x-eventloop-thread-\\d+ Task-[2-4] Task [ABC] (starting|completed)"), record);
    }
  }

  @Test
  void taskMonitorSeesTheTasksWhileTheyRunAndEndsCancelled(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "task-monitor");
    assertEquals(Status.PASSED, outcome.status(), outcome.claims()::toString);
    List<String> lines = outcome.events().stream().filter(e -> e.type() == EventType.PRINT).map(Event::message).toList();
    assertEquals(List.of("Current task: Monitor", "All tasks: [Task-1, Monitor, Task-3, Task-4, Task-5]",
      "Task A starting", "Task B starting", "Task C starting"), lines.subList(0, 5));
    assertEquals("All tasks: [Task-1, Monitor]", lines.get(lines.size() - 1));
    assertTrue(outcome.events().stream().anyMatch(e -> e.type() == EventType.CANCEL && e.task().equals("Monitor")));
  }

  @Test
  void taskMonitorClaimsFollowTheTasksItCreatedWhateverTheirNumbers(Vertx vertx) {
    // Two tasks started and ended before the scenario's own: A, B and C become Task-5, Task-6 and Task-7.
    ScenarioOutcome outcome = TestRuns.run(vertx, "task-monitor", new JsonObject(), () -> new TaskMonitorScenario() {
      @Override
      protected Future<?> run() {
        tasks.start(() -> Future.succeededFuture());
        tasks.start(() -> Future.succeededFuture());
        return super.run();
      }
    });
    assertEquals(Status.PASSED, outcome.status(), outcome.claims()::toString);
    List<String> lines = outcome.events().stream().filter(e -> e.type() == EventType.PRINT).map(Event::message).toList();
    assertEquals("All tasks: [Task-1, Monitor, Task-5, Task-6, Task-7]", lines.get(1));
    assertEquals("All tasks: [Task-1, Monitor]", lines.get(lines.size() - 1));
  }

  private static List<String> warnings(ScenarioOutcome outcome) {
    return outcome.events().stream().filter(e -> e.type() == EventType.WARN).map(Event::message).toList();
  }
}
