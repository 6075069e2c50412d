package io.asyncscenarios.scenario.concurrency;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Gathers three tasks of 3, 2 and 4 seconds with {@link Future#all}: they finish in the order of their
 * durations, yet the results come back in the order the tasks were given, and the whole takes as long as
 * the longest.
 */
public class GatherResultsScenario extends Scenario {

  @Override
  protected Future<?> run() {
    long start = System.nanoTime();
    List<Double> durations = secondsList("durations");
    List<Future<String>> all = new ArrayList<>();
    for (int i = 0; i < durations.size(); i++) {
      String name = taskName(i);
      double seconds = durations.get(i);
      all.add(tasks.start(name, () -> fetchData(name, seconds)).future());
    }
    return Future.all(all).map(gathered -> {
      List<String> results = gathered.list();
      print("All tasks done in %.2f s", (System.nanoTime() - start) / 1e9);
      print("Results: %s", results);
      return results;
    });
  }

  private Future<String> fetchData(String name, double seconds) {
    print("%s started", name);
    return sleep(seconds).map(v -> {
      print("%s finished", name);
      return name + " result";
    });
  }

  static String taskName(int index) {
    return "Task " + (index + 1);
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("tasks finish shortest first", t ->
        Verdict.equal(shortestFirst(t.secondsList("durations"), GatherResultsScenario::taskName),
          t.finishOrder(task -> task.startsWith("Task ")))),
      Claim.of("results in input order", t -> {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < t.secondsList("durations").size(); i++) {
          expected.add(taskName(i) + " result");
        }
        return Verdict.equal(expected, t.result().getJsonArray("value").getList());
      }),
      Claim.of("total ≈ the longest task, not the sum", t ->
        t.about(Collections.max(t.secondsList("durations")), t.totalMs())));
  }
}
