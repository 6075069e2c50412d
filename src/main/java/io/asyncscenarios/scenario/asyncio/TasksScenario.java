package io.asyncscenarios.scenario.asyncio;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.asyncscenarios.task.Task;
import io.vertx.core.Future;

import java.util.List;

/**
 * Starts tasks A (2 s) and B (1 s) at once, then awaits A and after it B, as {@code asyncio.create_task}
 * does: both run from the moment they are created, whatever order they are awaited in.
 */
public class TasksScenario extends Scenario {

  private Future<Void> taskCoroutine(String name, double delay) {
    print("Task %s started", name);
    return sleep(delay).onSuccess(v -> print("Task %s finished after %s seconds", name, asPython(delay)));
  }

  // async def main():
  @Override
  protected Future<?> run() {
    Task<Void> task1 = tasks.start("A", () -> taskCoroutine("A", seconds("a")));
    Task<Void> task2 = tasks.start("B", () -> taskCoroutine("B", seconds("b")));
    // await task1, then await task2: B has been running all along, awaited or not.
    return task1.future().compose(v -> task2.future());
  }

  /** A number of seconds as Python prints the tutorial's: 2, not 2.0. */
  private static String asPython(double seconds) {
    return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("both start at once and finish shortest first", t -> {
        double a = t.params().getDouble("a");
        double b = t.params().getDouble("b");
        String aDone = "Task A finished after " + asPython(a) + " seconds";
        String bDone = "Task B finished after " + asPython(b) + " seconds";
        List<String> expected = a <= b
          ? List.of("Task A started", "Task B started", aDone, bDone)
          : List.of("Task A started", "Task B started", bDone, aDone);
        return Verdict.equal(expected, t.printed());
      }).at(t -> Math.min(t.endOf("A"), t.endOf("B"))),
      Claim.of("total ≈ the longer task, not the sum", t ->
        t.about(Math.max(t.params().getDouble("a"), t.params().getDouble("b")), t.totalMs())));
  }
}
