package io.asyncscenarios.scenario;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.asyncscenarios.runner.TestRuns;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class ScenariosTest {

  static Stream<String> defaultScenarios() {
    return Catalog.standard().defaults().stream().map(ScenarioInfo::id);
  }

  @ParameterizedTest
  @MethodSource("defaultScenarios")
  void everyClaimHoldsAtASmallTimeScale(String id, Vertx vertx) {
    // debug-mode in debug mode needs a Vert.x instance made for it: DebuggingScenariosTest has it.
    JsonObject debugOff = new JsonObject().put("scenario", new JsonObject().put("debug-mode", new JsonObject().put("debug", false)));
    ScenarioOutcome outcome = TestRuns.run(vertx, id, debugOff);
    assertEquals(Status.PASSED, outcome.status(), () -> describe(outcome));
    assertFalse(outcome.claims().isEmpty(), "a scenario checks at least one claim");
    assertTrue(outcome.claims().stream().allMatch(ClaimResult::held), () -> describe(outcome));
  }

  @Test
  void syncVsAsyncRunsSequentiallyThenFinishesShortestFirst(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "sync-vs-async");
    List<String> lines = printed(outcome);
    assertEquals(List.of(
      "Task 1 started", "Task 1 finished", "Task 2 started", "Task 2 finished", "Task 3 started", "Task 3 finished"),
      lines.subList(0, 6));
    assertEquals(List.of(
      "Task 1 started", "Task 2 started", "Task 3 started", "Task 3 finished", "Task 1 finished", "Task 2 finished"),
      lines.subList(7, 13));
    // The blocking run happened on a worker thread, the concurrent one on the event loop.
    assertTrue(threadOf(outcome, "Task 1 (blocking)").startsWith("vert.x-worker-thread"));
    assertTrue(threadOf(outcome, "Task 1").startsWith("vert.x-eventloop-thread"));
  }

  @Test
  void gatherBasicsFinishesTheShorterTaskFirst(Vertx vertx) {
    assertEquals(List.of("task2", "task1"), finishOrder(TestRuns.run(vertx, "gather-basics"), name -> name.startsWith("task")));
  }

  @Test
  void tasksRunFromCreationWhateverTheAwaitOrder(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "tasks");
    assertEquals(List.of("B", "A"), finishOrder(outcome, name -> name.length() == 1));
    assertEquals(List.of("Task A started", "Task B started"), printed(outcome).subList(0, 2));
  }

  @Test
  void gatherKeepsInputOrderWhateverTheFinishOrder(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "gather-results");
    assertEquals(List.of("Task 2", "Task 1", "Task 3"), finishOrder(outcome, name -> name.startsWith("Task ")));
    assertEquals(new JsonArray().add("Task 1 result").add("Task 2 result").add("Task 3 result"), outcome.result());
  }

  @Test
  void gatherResultsFollowsConfiguredDurations(Vertx vertx) {
    JsonObject config = new JsonObject().put("scenario", new JsonObject()
      .put("gather-results", new JsonObject().put("durations", new JsonArray().add(1).add(4).add(2).add(3))));
    ScenarioOutcome outcome = TestRuns.run(vertx, "gather-results", config);
    assertEquals(Status.PASSED, outcome.status(), () -> describe(outcome));
    assertEquals(List.of("Task 1", "Task 3", "Task 4", "Task 2"), finishOrder(outcome, name -> name.startsWith("Task ")));
  }

  @Test
  void awaitChainRepeatsExactlyForTheSameSeed(Vertx vertx) {
    JsonObject seeded = new JsonObject().put("seed", 7);
    ScenarioOutcome first = TestRuns.run(vertx, "await-chain", seeded);
    ScenarioOutcome second = TestRuns.run(vertx, "await-chain", seeded);
    ScenarioOutcome other = TestRuns.run(vertx, "await-chain", new JsonObject().put("seed", 8));
    JsonArray delays = ((JsonObject) first.result()).getJsonArray("fetchDelays");
    assertEquals(delays, ((JsonObject) second.result()).getJsonArray("fetchDelays"));
    assertFalse(delays.equals(((JsonObject) other.result()).getJsonArray("fetchDelays")));
    assertEquals(printed(first), printed(second));
  }

  @Test
  void createTaskPrintsTheOtherWorkBeforeTheTasksStart(Vertx vertx) {
    List<String> lines = printed(TestRuns.run(vertx, "create-task"));
    assertEquals("Doing other work...", lines.get(0));
    assertTrue(lines.indexOf("Other work done") < lines.indexOf("Task 2 finished"));
  }

  @Test
  void gatherErrorsKeepsBothOutcomesInOrder(Vertx vertx) {
    assertEquals(List.of("Task failed with error: Error in task1", "Task succeeded with result: Task2 result"),
      printed(TestRuns.run(vertx, "gather-errors")));
  }

  @Test
  void aScenarioLeavesNoDeploymentBehind(Vertx vertx) {
    TestRuns.run(vertx, "create-task");
    assertTrue(vertx.deploymentIDs().isEmpty());
  }

  static List<String> printed(ScenarioOutcome outcome) {
    return outcome.events().stream().filter(e -> e.type() == EventType.PRINT).map(Event::message).collect(Collectors.toList());
  }

  static List<String> finishOrder(ScenarioOutcome outcome, Predicate<String> tasks) {
    return outcome.events().stream()
      .filter(e -> e.type() == EventType.FINISH && tasks.test(e.task()))
      .map(Event::task)
      .collect(Collectors.toList());
  }

  static String threadOf(ScenarioOutcome outcome, String task) {
    return outcome.events().stream()
      .filter(e -> e.type() == EventType.PRINT && task.equals(e.task()))
      .findFirst().orElseThrow().thread();
  }

  static String describe(ScenarioOutcome outcome) {
    return outcome.info().id() + " " + outcome.status() + " " + outcome.error() + " " + outcome.claims();
  }
}
