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

import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
  void eachFileOperationWakesBeforeTheTaskDoesAnythingElse(Vertx vertx) {
    // The file system and the worker complete on their own threads, racing the task's next step: a wake
    // once came after the next wait, or never (1 run in 3). Several runs give the race its chances.
    for (int run = 0; run < 8; run++) {
      ScenarioOutcome outcome = TestRuns.run(vertx, "async-files");
      assertEquals(Status.PASSED, outcome.status(), () -> outcome.error() + " " + outcome.claims());
      List<String> story = story(outcome, "Task-1");
      assertWakesBeforeWhatFollows(story);
      assertEquals(17, story.size(), story::toString);
      assertEquals(List.of("start", "wait worker executeBlocking prepare the work folder", "wake worker executeBlocking prepare the work folder",
        "wait file write input.txt", "wake file write input.txt", "wait file read input.txt", "wake file read input.txt",
        "wait file write output.txt", "wake file write output.txt", "wait file read output.txt", "wake file read output.txt",
        "print Processed content: HELLO, WORLD!\nTHIS IS A TEST FILE."), story.subList(0, 12), story::toString);
      // The two exists checks run together (Future.all): they may overlap, but both wake before the end.
      assertEquals(List.of("wait file exists input.txt", "wait file exists output.txt", "wake file exists input.txt",
        "wake file exists output.txt"), story.subList(12, 16).stream().sorted().toList(), story::toString);
      assertEquals("finish", story.get(16), story::toString);
    }
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

  /**
   * Each wait is woken before the task's next event other than another wait or wake: waits may overlap
   * (gather), but none is still open when the task prints, sleeps or ends, and none wakes twice or unopened.
   */
  private static void assertWakesBeforeWhatFollows(List<String> story) {
    Set<String> open = new HashSet<>();
    for (String event : story) {
      if (event.startsWith("wait ")) {
        assertTrue(open.add(event.substring("wait ".length())), () -> "waits twice at once: " + event + " in " + story);
      } else if (event.startsWith("wake ")) {
        assertTrue(open.remove(event.substring("wake ".length())), () -> "wakes without a wait: " + event + " in " + story);
      } else {
        assertTrue(open.isEmpty(), () -> "still waiting on " + open + " at " + event + " in " + story);
      }
    }
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
