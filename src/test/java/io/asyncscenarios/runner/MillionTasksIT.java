package io.asyncscenarios.runner;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.config.AppOptions;
import io.asyncscenarios.report.HtmlReport;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million tasks gathered in one JVM, every claim held. An end-to-end test, though it runs in-JVM, so
 * that it runs in the Failsafe JVM: the garbage of a million tasks left in the unit tests' JVM made the
 * next timing claims there stall on a collection (sync-vs-async, 142 ms without a heartbeat).
 */
@ExtendWith(VertxExtension.class)
class MillionTasksIT {

  @Test
  void aMillionTasksGatherWithEveryClaimHeld(Vertx vertx) {
    // Waits long enough for the tasks to overlap while the last ones are still being started.
    ScenarioOutcome outcome = TestRuns.run(vertx, "gather-results", new JsonObject().put("timeScale", 0.5).put("scenario",
      new JsonObject().put("gather-results", new JsonObject().put("count", 1_000_000).put("durations", new JsonArray().add(3).add(2).add(4)))));
    assertEquals(Status.PASSED, outcome.status(), () -> outcome.error() + " " + outcome.claims());
    assertEquals(1_000_000, ((JsonArray) outcome.result()).size());
    // Each task records its start, its sleep, two lines and its finish; the main task its start, two lines and its end.
    assertEquals(5 * 1_000_000 + 4, outcome.eventCount());
    // The HTML report draws and replays the first 200 tasks and counts the others: a page a browser opens at once.
    AppOptions options = AppOptions.fromJson(new JsonObject(), Catalog.standard());
    String html = HtmlReport.render(new RunReport(options, Instant.now(), outcome.elapsedMs(), List.of(outcome)));
    assertTrue(html.length() < 1_000_000, html.length() + " chars");
    assertTrue(html.contains("and 999801 more tasks, not shown"), "the tasks not drawn are counted");
  }
}
