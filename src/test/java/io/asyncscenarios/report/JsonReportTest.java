package io.asyncscenarios.report;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.config.AppOptions;
import io.asyncscenarios.runner.RunReport;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.TestRuns;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class JsonReportTest {

  @Test
  void everyTaskIsListedWithWhoMadeItWhoAwaitsItAndHowItEnded(Vertx vertx) throws Exception {
    JsonObject scenario = scenario(TestRuns.run(vertx, "create-task"));
    JsonArray tasks = scenario.getJsonArray("tasks");
    assertEquals(4, tasks.size(), tasks::encodePrettily);
    JsonObject main = tasks.getJsonObject(0);
    assertEquals(0, main.getInteger("id"));
    assertEquals("Task-1", main.getString("name"));
    assertTrue(main.containsKey("creator") && main.getValue("creator") == null, "made by the runner, outside any task");
    assertNull(main.getValue("awaitedBy"));
    assertNull(main.getValue("awaitedAtMs"));
    assertEquals("finished", main.getString("end"));
    double otherWorkDone = printedAt(scenario, "Other work done");
    for (int i = 1; i <= 3; i++) {
      JsonObject task = tasks.getJsonObject(i);
      assertEquals(i, task.getInteger("id"));
      assertEquals("Task " + i, task.getString("name"));
      assertEquals(0, task.getInteger("creator"));
      assertEquals(0, task.getInteger("awaitedBy"));
      // gather is awaited once the other work is done, not when the tasks are created.
      assertTrue(task.getDouble("awaitedAtMs") >= otherWorkDone, task.encode() + " vs " + otherWorkDone);
      assertEquals("finished", task.getString("end"));
      assertFalse(task.containsKey("reason") || task.containsKey("cancelledBy"));
    }
    JsonObject overlap = scenario.getJsonArray("claims").getJsonObject(0);
    assertEquals(otherWorkDone, overlap.getDouble("atMs"), 1e-9, "decided when the other work was done");
  }

  @Test
  void aFailedTaskGivesItsReasonAndACancelledOneWhoCancelledIt(Vertx vertx) throws Exception {
    JsonArray failing = scenario(TestRuns.run(vertx, "gather-errors")).getJsonArray("tasks");
    JsonObject task1 = byName(failing, "task1");
    assertEquals("failed", task1.getString("end"));
    assertEquals("Error in task1", task1.getString("reason"));
    JsonArray monitored = scenario(TestRuns.run(vertx, "task-monitor")).getJsonArray("tasks");
    JsonObject monitor = byName(monitored, "Monitor");
    assertEquals("cancelled", monitor.getString("end"));
    assertEquals("Task-1", monitor.getString("cancelledBy"));
  }

  @Test
  void eachEventNamesItsTaskByIdAsNamesRepeat(Vertx vertx) throws Exception {
    // event-loop runs hello_world twice, on two Vert.x instances: only the id tells their events apart.
    JsonObject scenario = scenario(TestRuns.run(vertx, "event-loop"));
    JsonArray tasks = scenario.getJsonArray("tasks");
    List<JsonObject> events = scenario.getJsonArray("events").stream().map(JsonObject.class::cast).toList();
    for (JsonObject event : events) {
      assertTrue(event.containsKey("taskId"), event::encode);
      if (event.getValue("task") == null) {
        assertNull(event.getValue("taskId"), event::encode);
      } else {
        assertEquals(event.getString("task"), tasks.getJsonObject(event.getInteger("taskId")).getString("name"), event::encode);
      }
    }
    assertEquals(2, events.stream().filter(e -> "hello_world".equals(e.getString("task"))).map(e -> e.getInteger("taskId"))
      .distinct().count());
  }

  @Test
  void theHandMadeLoopWaitsOnTheOtherInstanceRatherThanRunning(Vertx vertx) throws Exception {
    JsonObject scenario = scenario(TestRuns.run(vertx, "event-loop"));
    List<String> story = scenario.getJsonArray("events").stream().map(JsonObject.class::cast)
      .filter(e -> "hand-made loop".equals(e.getString("task"))).map(e -> e.getString("type") + " " + e.getString("message")).toList();
    String wait = "future the hand-made Vert.x's hello_world and close()";
    assertEquals(List.of("start ", "wait " + wait, "wake " + wait, "finish "), story);
  }

  private static JsonObject scenario(ScenarioOutcome outcome) throws Exception {
    AppOptions options = AppOptions.fromJson(new JsonObject(), Catalog.standard());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonReport.write(new RunReport(options, Instant.now(), outcome.elapsedMs(), List.of(outcome)), out);
    JsonObject report = new JsonObject(out.toString(StandardCharsets.UTF_8));
    assertEquals(1, report.getInteger("schemaVersion"), "additions only: the schema stays");
    return report.getJsonArray("scenarios").getJsonObject(0);
  }

  private static double printedAt(JsonObject scenario, String line) {
    return scenario.getJsonArray("events").stream().map(JsonObject.class::cast)
      .filter(e -> e.getString("type").equals("print") && e.getString("message").equals(line))
      .findFirst().orElseThrow().getDouble("tMs");
  }

  private static JsonObject byName(JsonArray tasks, String name) {
    return tasks.stream().map(JsonObject.class::cast).filter(t -> name.equals(t.getString("name"))).findFirst().orElseThrow();
  }
}
