package io.asyncscenarios.scenario.intro;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the same three tasks twice: one after another as blocking code, then concurrently as timers
 * gathered with {@link Future#all}. Blocking code goes through {@link io.vertx.core.Vertx#executeBlocking}
 * so that, even while it sleeps, the event loop stays free: a heartbeat on the loop proves it.
 */
public class SyncVsAsyncScenario extends Scenario {

  static final String SEQUENTIAL = "sequential";
  static final String CONCURRENT = "concurrent";
  static final String BLOCKING = " (blocking)";
  static final long HEARTBEAT_MS = 20;

  // def sync_task(name, duration): it runs on a worker thread, so time.sleep blocks that thread only.
  private Void syncTask(String name, long ms) throws InterruptedException {
    print("%s started", name);
    Thread.sleep(ms);
    print("%s finished", name);
    return null;
  }

  // def main(): compose starts each sync_task once the one before has returned, as plain calls follow each other.
  // Each task waits on its worker thread, and the report shows it so: waitOn records the wait, then starts the work.
  private Future<Void> syncMain(List<Double> durations) {
    long start = System.nanoTime();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < durations.size(); i++) {
      String name = taskName(i);
      long ms = millis(durations.get(i));
      chain = chain.compose(v -> tasks.start(name + BLOCKING,
        () -> Tasks.waitOn("worker", "executeBlocking sync_task", () -> vertx.executeBlocking(() -> syncTask(name, ms)))).future());
    }
    return chain.onSuccess(v -> printTotal(start));
  }

  private Future<Void> asyncTask(String name, double duration) {
    print("%s started", name);
    return sleep(duration).onSuccess(v -> print("%s finished", name));
  }

  // async def main():
  private Future<Void> asyncMain(List<Double> durations) {
    long start = System.nanoTime();
    List<Future<Void>> gathered = new ArrayList<>();
    for (int i = 0; i < durations.size(); i++) {
      String name = taskName(i);
      double duration = durations.get(i);
      gathered.add(tasks.start(name, () -> asyncTask(name, duration)).future());
    }
    return Future.all(gathered).<Void>mapEmpty().onSuccess(v -> printTotal(start));
  }

  private void printTotal(long startNanos) {
    print("Total time: %.2f s", (System.nanoTime() - startNanos) / 1e9);
  }

  private static String taskName(int index) {
    return "Task " + (index + 1);
  }

  /** Both mains, one after the other; the heartbeat watches the event loop while the blocking one runs. */
  @Override
  protected Future<?> run() {
    List<Double> durations = secondsList("durations");
    Heartbeat heartbeat = new Heartbeat(HEARTBEAT_MS);
    long timerId = vertx.setPeriodic(HEARTBEAT_MS, id -> heartbeat.tick());
    return tasks.start(SEQUENTIAL, () -> syncMain(durations))
      .future()
      .andThen(done -> vertx.cancelTimer(timerId))
      .compose(v -> tasks.start(CONCURRENT, () -> asyncMain(durations)).future())
      .map(v -> new JsonObject().put("maxHeartbeatGapMs", heartbeat.maxGapMs()));
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      // Each is decided when the run it is about ends: the sequential one long before the scenario does.
      Claim.of("sequential total ≈ sum of the durations", t ->
        t.about(t.secondsList("durations").stream().mapToDouble(d -> d).sum(), t.durationOf(SEQUENTIAL)))
        .at(t -> t.endOf(SEQUENTIAL)),
      Claim.of("concurrent total ≈ the longest duration, not the sum", t ->
        t.about(Collections.max(t.secondsList("durations")), t.durationOf(CONCURRENT)))
        .at(t -> t.endOf(CONCURRENT)),
      Claim.of("concurrent tasks finish shortest first", t ->
        Verdict.equal(t.shortestFirst("durations", SyncVsAsyncScenario::taskName),
          t.finishOrder(task -> task.startsWith("Task ") && !task.endsWith(BLOCKING))))
        .at(t -> t.endOf(CONCURRENT)),
      // The heartbeat watches the loop while the blocking run goes on, and stops with it.
      Claim.of("the event loop was never blocked (heartbeat gap <= 100 ms)", t -> {
        double gap = t.result().getDouble("maxHeartbeatGapMs");
        return Verdict.of(gap <= 100, "<= 100 ms", String.format("%.0f ms", gap));
      }).at(t -> t.endOf(SEQUENTIAL)));
  }

  /** Measures the longest pause between the ticks of a periodic timer on the event loop. */
  static final class Heartbeat {

    private final long periodMs;
    private long last = System.nanoTime();
    private double maxGapMs;

    Heartbeat(long periodMs) {
      this.periodMs = periodMs;
    }

    void tick() {
      long now = System.nanoTime();
      maxGapMs = Math.max(maxGapMs, (now - last) / 1e6);
      last = now;
    }

    double maxGapMs() {
      return Math.max(maxGapMs, periodMs);
    }
  }
}
