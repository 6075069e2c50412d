package io.asyncscenarios.scenario;

import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.asyncscenarios.runner.TestRuns;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the scenarios record of their tasks beside their lines: who made each task, who awaits it and from
 * when, and what a task waits on (a worker, a file, a response, a future) from its {@code wait} to its
 * {@code wake}.
 */
@ExtendWith(VertxExtension.class)
class TaskRelationsTest {

  @Test
  void eachBlockingTaskWaitsOnItsWorkerWhileItsCodeRunsThere(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "sync-vs-async");
    EventLog log = outcome.log();
    int sequential = id(log, "sequential");
    assertEquals(id(log, "Task-1"), log.creator(sequential));
    for (int i = 1; i <= 3; i++) {
      String name = "Task " + i + " (blocking)";
      int task = id(log, name);
      assertEquals(sequential, log.creator(task), name);
      assertEquals(sequential, log.awaiter(task), name);
      // The wait is open while sync_task prints on its worker thread, and ends before the task does.
      assertEquals(List.of("start", "wait worker executeBlocking sync_task", "print Task " + i + " started",
        "print Task " + i + " finished", "wake worker executeBlocking sync_task", "finish"), story(outcome, name));
    }
  }

  @Test
  void theSecondTaskIsAwaitedOnlyOnceTheFirstHasEnded(Vertx vertx) {
    EventLog log = TestRuns.run(vertx, "tasks").log();
    int main = id(log, "Task-1");
    int a = id(log, "A");
    int b = id(log, "B");
    assertEquals(main, log.awaiter(a));
    assertEquals(main, log.awaiter(b));
    // await task1, then await task2: B, which finished first, is asked for when A ends.
    double aEnded = log.tMs(log.endEvent(a));
    assertTrue(log.awaitedAtMs(a) < log.tMs(log.endEvent(b)), "A is awaited at once");
    assertTrue(log.awaitedAtMs(b) >= aEnded, "B awaited at " + log.awaitedAtMs(b) + " ms, A ended at " + aEnded);
  }

  @Test
  void mainWaitsOnTheFutureOnceSetFutureValueHasSetIt(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "futures");
    assertEquals(List.of("start", "sleep " + Math.round(1000 * TestRuns.TIME_SCALE), "wait future set by set_future_value",
      "wake future set by set_future_value", "print Future is done!", "finish"), story(outcome, "Task-1"));
  }

  @Test
  void everyFileOperationIsAWaitThatWakes(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "async-files");
    assertEquals(Status.PASSED, outcome.status(), () -> outcome.error() + " " + outcome.claims());
    List<String> waits = messages(outcome, EventType.WAIT);
    assertEquals(List.of("worker executeBlocking prepare the work folder", "file write input.txt", "file read input.txt",
      "file write output.txt", "file read output.txt", "file exists input.txt", "file exists output.txt"), waits);
    assertEquals(waits.stream().sorted().toList(), messages(outcome, EventType.WAKE).stream().sorted().toList());
  }

  @Test
  void eachFetchWaitsOnItsUrl(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "http-fetch");
    assertEquals(Status.PASSED, outcome.status(), () -> outcome.error() + " " + outcome.claims());
    EventLog log = outcome.log();
    int main = id(log, "Task-1");
    int fetches = 0;
    for (int task = 0; task < log.taskCount(); task++) {
      if (task != main) {
        fetches++;
        List<String> story = story(outcome, log.taskName(task));
        assertEquals(4, story.size(), story::toString);
        assertTrue(story.get(1).startsWith("wait http http://127.0.0.1:"), story::toString);
        assertEquals("wake" + story.get(1).substring("wait".length()), story.get(2));
        assertEquals("finish", story.get(3));
        assertEquals(main, log.awaiter(task));
      }
    }
    assertEquals(4, fetches);
  }

  private static int id(EventLog log, String name) {
    for (int task = 0; task < log.taskCount(); task++) {
      if (name.equals(log.taskName(task))) {
        return task;
      }
    }
    throw new AssertionError("no task " + name);
  }

  /** What task {@code name} did, event by event: its type and message. */
  private static List<String> story(ScenarioOutcome outcome, String name) {
    return outcome.events().stream().filter(e -> name.equals(e.task()))
      .map(e -> (e.type().label() + " " + e.message()).strip()).toList();
  }

  private static List<String> messages(ScenarioOutcome outcome, EventType type) {
    return outcome.events().stream().filter(e -> e.type() == type).map(Event::message).toList();
  }
}
