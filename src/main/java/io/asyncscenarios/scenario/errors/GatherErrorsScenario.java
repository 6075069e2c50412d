package io.asyncscenarios.scenario.errors;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;

import java.util.List;

/**
 * task1 fails after a second, task2 succeeds after two. {@link Future#join} waits for both and keeps
 * every outcome, like {@code gather(return_exceptions=True)}; {@link Future#all} would have failed fast
 * at the first error and dropped task2's result.
 */
public class GatherErrorsScenario extends Scenario {

  private Future<String> task1() {
    return sleep(seconds("failAfter")).compose(v -> Future.failedFuture(new IllegalArgumentException("Error in task1")));
  }

  private Future<String> task2() {
    return sleep(seconds("succeedAfter")).map(v -> "Task2 result");
  }

  // async def main():
  @Override
  protected Future<?> run() {
    CompositeFuture results = Future.join(tasks.start("task1", this::task1).future(), tasks.start("task2", this::task2).future());
    // join fails when any task failed, but only once all have ended: each outcome is then read in its place.
    return results.transform(done -> {
      for (int i = 0; i < results.size(); i++) {
        if (results.failed(i)) {
          print("Task failed with error: %s", results.cause(i).getMessage());
        } else {
          print("Task succeeded with result: %s", results.<String>resultAt(i));
        }
      }
      return Future.succeededFuture();
    });
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("every outcome is kept: task1's error and task2's result", t -> Verdict.equal(
        List.of("Task failed with error: Error in task1", "Task succeeded with result: Task2 result"), t.printed())),
      Claim.of("total ≈ the longer task: join waited for task2 after task1 failed", t ->
        t.about(Math.max(t.params().getDouble("failAfter"), t.params().getDouble("succeedAfter")), t.totalMs())));
  }
}
