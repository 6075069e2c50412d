package io.asyncscenarios.scenario.intro;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Timeline;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;

import java.util.List;

/**
 * Runs task1 (2 s) and task2 (1 s) together with {@link Future#all}, the Vert.x {@code asyncio.gather}:
 * both start at once, the shorter finishes first, and the whole takes as long as the longer one.
 */
public class GatherBasicsScenario extends Scenario {

  private Future<Void> task1() {
    print("Task 1 started");
    return sleep(seconds("task1")).onSuccess(v -> print("Task 1 finished"));
  }

  private Future<Void> task2() {
    print("Task 2 started");
    return sleep(seconds("task2")).onSuccess(v -> print("Task 2 finished"));
  }

  // async def main(): gather runs each coroutine as a task, so each is started as one here.
  @Override
  protected Future<?> run() {
    return Future.all(
      tasks.start("task1", this::task1).future(),
      tasks.start("task2", this::task2).future());
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("both start before either finishes, the shorter finishes first", t -> {
        boolean firstIsShorter = t.params().getDouble("task1") >= t.params().getDouble("task2");
        List<String> finishes = firstIsShorter
          ? List.of("Task 2 finished", "Task 1 finished")
          : List.of("Task 1 finished", "Task 2 finished");
        return Verdict.equal(List.of("Task 1 started", "Task 2 started", finishes.get(0), finishes.get(1)), t.printed());
      }).at(GatherBasicsScenario::firstFinish),
      Claim.of("total ≈ the longer task, not the sum", t ->
        t.about(Math.max(t.params().getDouble("task1"), t.params().getDouble("task2")), t.totalMs())));
  }

  /** When the first of the two finished: then both had started, and the shorter was done. */
  private static double firstFinish(Timeline t) {
    return Math.min(t.endOf("task1"), t.endOf("task2"));
  }
}
