package io.asyncscenarios.bench;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.asyncscenarios.runner.TestRuns;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmarks as machinery, at small sizes: that they run, count right and report their figures.
 * Their speed is measured by running them, not here.
 */
@ExtendWith(VertxExtension.class)
class BenchTest {

  @Test
  void waitsCreatedLaterNeverCompleteEarlyAndNoneIsLost(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      CoalescingTimers timers = new CoalescingTimers(vertx);
      long start = System.nanoTime();
      List<Future<Void>> early = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        early.add(timers.after(50));
      }
      long creationMs = (System.nanoTime() - start) / 1_000_000;
      // Waits due in the same millisecond share a timer: an interval of under creationMs + 1 ms touches
      // at most creationMs + 2 distinct milliseconds.
      ctx.verify(() -> assertTrue(timers.timers() <= creationMs + 2, timers.timers() + " timers for " + creationMs + " ms"));
      // Created after the first batch has fired: must get a timer of its own and wait its full delay.
      Future.all(early).compose(done -> {
        long second = System.nanoTime();
        return timers.after(30).map(x -> (System.nanoTime() - second) / 1_000_000);
      }).onComplete(ctx.succeeding(waitedMs -> ctx.verify(() -> {
        assertTrue(waitedMs >= 29, "waited " + waitedMs + " ms of 30");
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 80);
        ctx.completeNow();
      })));
    });
  }

  @Test
  void benchGatherCountsEveryTaskAndReportsItsFigures(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "bench-gather",
      new JsonObject().put("scenario", new JsonObject().put("bench-gather", new JsonObject().put("count", 20_000).put("delayMs", 50))));
    assertEquals(Status.PASSED, outcome.status(), outcome.claims()::toString);
    JsonObject metrics = ((JsonObject) outcome.result()).getJsonObject("metrics");
    assertEquals(20_000, metrics.getInteger("tasks"));
    assertTrue(metrics.getDouble("wallMs") >= 50);
    assertTrue(metrics.containsKey("overheadMs") && metrics.containsKey("peakHeapMb") && metrics.containsKey("peakRssMb"));
  }

  @Test
  void benchHttpAnswersEveryRequestWithoutError(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "bench-http", new JsonObject().put("scenario", new JsonObject()
      .put("bench-http", new JsonObject().put("requests", 2000).put("concurrency", 16).put("bodyBytes", 1000).put("compare", false))));
    assertEquals(Status.PASSED, outcome.status(), outcome.claims()::toString);
    JsonObject metrics = ((JsonObject) outcome.result()).getJsonObject("metrics");
    assertEquals(0, metrics.getLong("errors"));
    assertEquals(2000L * 1000, metrics.getLong("bytes"));
    assertTrue(metrics.getDouble("p99Ms") >= metrics.getDouble("p50Ms"));
  }

  @Test
  void benchFilesMatchesTrAndCleansUp(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "bench-files",
      new JsonObject().put("scenario", new JsonObject().put("bench-files", new JsonObject().put("sizeMb", 2))));
    assertEquals(Status.PASSED, outcome.status(), outcome.claims()::toString);
    JsonObject metrics = ((JsonObject) outcome.result()).getJsonObject("metrics");
    assertTrue(metrics.getDouble("mbPerSec") > 0);
    if (Reference.available("tr")) {
      assertEquals(true, metrics.getBoolean("sameAsTr"));
    }
  }

  @Test
  void benchClusterAnswersEveryTaskBetweenTwoNodes(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "bench-cluster",
      new JsonObject().put("scenario", new JsonObject().put("bench-cluster", new JsonObject().put("tasks", 2000).put("concurrency", 32))));
    assertEquals(Status.PASSED, outcome.status(), () -> outcome.claims() + " " + outcome.error());
    JsonObject metrics = ((JsonObject) outcome.result()).getJsonObject("metrics");
    assertEquals(2000, metrics.getInteger("tasks"));
    assertEquals(0, metrics.getLong("errors"));
  }

  @Test
  void benchStandsForEveryBenchmark() {
    assertEquals(List.of("tasks", "bench-gather", "bench-files", "bench-http", "bench-cluster"),
      Catalog.standard().expand(List.of("tasks", "bench")));
  }
}
