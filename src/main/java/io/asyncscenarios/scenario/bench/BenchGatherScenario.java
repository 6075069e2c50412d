package io.asyncscenarios.scenario.bench;

import io.asyncscenarios.bench.CoalescingTimers;
import io.asyncscenarios.bench.Memory;
import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * A million concurrent tasks: each completes after the same delay, all gathered with {@link Future#all}.
 * The figure that matters is the overhead, the wall time beyond the delay every task waits.
 */
public class BenchGatherScenario extends Scenario {

  @Override
  protected Future<?> run() {
    int count = config().getInteger("count");
    long delayMs = config().getLong("delayMs");
    // No collection first (Memory.settle): it would shrink the young generation the million tasks land in.
    Memory.resetPeaks();
    return gather(count, delayMs);
  }

  private Future<JsonObject> gather(int count, long delayMs) {
    CoalescingTimers timers = new CoalescingTimers(vertx);
    long start = System.nanoTime();
    List<Future<Void>> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      all.add(timers.after(delayMs));
    }
    double startedMs = (System.nanoTime() - start) / 1e6;
    int timersUsed = timers.timers();
    return Future.all(all).map(done -> {
      double wallMs = (System.nanoTime() - start) / 1e6;
      JsonObject metrics = new JsonObject()
        .put("tasks", count)
        .put("delayMs", delayMs)
        .put("wallMs", round(wallMs))
        .put("overheadMs", round(wallMs - delayMs))
        .put("startAllMs", round(startedMs))
        .put("timers", timersUsed)
        .put("peakHeapMb", round(Memory.peakHeapMb()))
        .put("peakRssMb", round(Memory.peakRssMb()));
      print("%,d tasks of %d ms gathered in %.0f ms: overhead %.0f ms, %d timers, peak heap %.0f MB, peak RSS %.0f MB",
        count, delayMs, wallMs, wallMs - delayMs, timersUsed, Memory.peakHeapMb(), Memory.peakRssMb());
      return new JsonObject().put("metrics", metrics);
    });
  }

  static double round(double value) {
    return Memory.round(value, 1);
  }

  @Override
  public List<Claim> claims() {
    return List.of(Claim.of("every task completed, none before its delay", t -> {
      JsonObject m = t.result().getJsonObject("metrics");
      return Verdict.of(m.getDouble("wallMs") >= m.getLong("delayMs"), ">= " + m.getLong("delayMs") + " ms for all",
        m.getDouble("wallMs") + " ms for " + m.getInteger("tasks"));
    }));
  }
}
