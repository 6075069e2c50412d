package io.asyncscenarios.scenario.concurrency;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.asyncscenarios.task.Task;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Starts three tasks in the background, does a second of other work meanwhile, then gathers them: the
 * other work overlaps the tasks, so it adds nothing to the total.
 */
public class CreateTaskScenario extends Scenario {

  static final String OTHER_WORK_DONE = "Other work done";

  private Future<String> longRunningTask(String name, double delay) {
    print("%s started", name);
    return sleep(delay).map(v -> {
      print("%s finished", name);
      return name + " result";
    });
  }

  // async def main():
  @Override
  protected Future<?> run() {
    long start = System.nanoTime();
    List<Double> durations = secondsList("durations");
    List<Task<String>> created = new ArrayList<>();
    for (int i = 0; i < durations.size(); i++) {
      String name = taskName(i);
      double delay = durations.get(i);
      created.add(tasks.start(name, () -> longRunningTask(name, delay)));
    }
    // The tasks start on the event loop's next turn, so this line comes first, as in the tutorial.
    print("Doing other work...");
    return sleep(seconds("otherWork"))
      .onSuccess(v -> print(OTHER_WORK_DONE))
      // await asyncio.gather(*tasks): only now does main ask for their results, and wait on them.
      .compose(v -> Future.all(created.stream().map(Task::future).toList()))
      .map(gathered -> {
        List<String> results = gathered.list();
        print("All tasks done in %.2f s", (System.nanoTime() - start) / 1e9);
        print("Results: %s", results);
        return results;
      });
  }

  private static String taskName(int index) {
    return "Task " + (index + 1);
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("the other work finishes while the tasks still run", t -> {
        double otherDone = t.printedAt(OTHER_WORK_DONE);
        double firstTaskEnd = Double.MAX_VALUE;
        for (int i = 0; i < t.secondsList("durations").size(); i++) {
          firstTaskEnd = Math.min(firstTaskEnd, t.endOf(taskName(i)));
        }
        boolean overlapped = otherDone < firstTaskEnd
          || t.params().getDouble("otherWork") >= Collections.min(t.secondsList("durations"));
        return Verdict.of(overlapped, "before the first task ends",
          String.format("at %.0f ms, first task ended at %.0f ms", otherDone, firstTaskEnd));
      }).at(t -> t.printedAt(OTHER_WORK_DONE)),
      Claim.of("total ≈ the longest task, not the longest plus the other work", t ->
        t.about(Math.max(Collections.max(t.secondsList("durations")), t.params().getDouble("otherWork")), t.totalMs())));
  }
}
