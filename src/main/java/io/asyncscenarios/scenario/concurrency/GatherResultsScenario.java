package io.asyncscenarios.scenario.concurrency;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Timeline;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

import java.util.Collections;
import java.util.List;

/**
 * Gathers tasks of 3, 2 and 4 seconds with {@link Future#all}: they finish in the order of their
 * durations, yet the results come back in the order the tasks were given, and the whole takes as long as
 * the longest. With {@code count}, the same at any scale: a million tasks, the durations cycled over
 * them, which is what makes this scenario the gather benchmark.
 */
public class GatherResultsScenario extends Scenario {

  @Override
  protected Future<?> run() {
    long start = System.nanoTime();
    List<Double> durations = secondsList("durations");
    int count = config().getInteger("count", durations.size());
    return tasks.startEach(count, GatherResultsScenario::taskName, (i, name) -> fetchData(name, durations.get(i % durations.size())))
      .compose(Future::all)
      .map(gathered -> {
        List<String> results = gathered.list();
        print("All tasks done in %.2f s", (System.nanoTime() - start) / 1e9);
        print("Results: %s", abbreviated(results));
        return results;
      });
  }

  private Future<String> fetchData(String name, double seconds) {
    print(name + " started");
    return sleep(seconds).map(v -> {
      print(name + " finished");
      return name + " result";
    });
  }

  static String taskName(int index) {
    return "Task " + (index + 1);
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("tasks finish shortest first (in the order their waits end)", GatherResultsScenario::finishOrder),
      Claim.of("results in input order", t -> {
        JsonArray results = t.result().getJsonArray("value");
        int count = count(t);
        for (int i = 0; i < count; i++) {
          String expected = taskName(i) + " result";
          if (i >= results.size() || !expected.equals(results.getString(i))) {
            return Verdict.of(false, count + " results, result " + (i + 1) + " = " + expected,
              i >= results.size() ? results.size() + " results" : "result " + (i + 1) + " = " + results.getString(i));
          }
        }
        return Verdict.of(results.size() == count, count + " results, each in its task's place", results.size() + " results");
      }),
      Claim.of("total ≈ the longest task, not the sum", t -> {
        // At scale, starting the tasks takes time of its own: the last one starts that much later.
        double starting = count(t) <= t.secondsList("durations").size() ? 0 : lastStart(t) - t.startMs();
        return Verdict.about(t.scaled(Collections.max(t.secondsList("durations"))) + starting, t.totalMs(), t.tolerance());
      }));
  }

  /**
   * Each task finishes when its wait ends: started together, the shortest first. Checked in one pass,
   * from when each began to sleep:
   * no task may finish after one whose wait ended earlier by more than the scheduling noise the
   * tolerance allows (at most half the gap between two durations, so that no swap goes unseen).
   */
  static Verdict finishOrder(Timeline t) {
    List<Double> durations = t.secondsList("durations");
    double slack = t.tolerance().ms();
    List<Double> sorted = durations.stream().distinct().sorted().toList();
    for (int i = 1; i < sorted.size(); i++) {
      slack = Math.min(slack, t.scaled(sorted.get(i) - sorted.get(i - 1)) / 2);
    }
    int[] finished = t.finished();
    double latestDue = Double.NEGATIVE_INFINITY;
    String latestTask = null;
    int gathered = 0;
    for (int task : finished) {
      String name = t.nameOf(task);
      if (!name.startsWith("Task ")) {
        continue;
      }
      gathered++;
      int index = Integer.parseInt(name.substring(5)) - 1;
      double slept = t.firstSleepOf(task);
      double due = (Double.isNaN(slept) ? t.startOf(task) : slept) + t.scaled(durations.get(index % durations.size()));
      if (due < latestDue - slack) {
        return Verdict.of(false, "each task to finish when its wait ends",
          name + " (due at " + Math.round(due) + " ms) finished after " + latestTask + " (due at " + Math.round(latestDue) + " ms)");
      }
      if (due > latestDue) {
        latestDue = due;
        latestTask = name;
      }
    }
    int count = count(t);
    return Verdict.of(gathered == count, count + " tasks, each finished when its wait ended",
      gathered + " tasks finished in that order");
  }

  private static int count(Timeline t) {
    return t.params().getInteger("count", t.secondsList("durations").size());
  }

  private static double lastStart(Timeline t) {
    double last = 0;
    for (int task : t.finished()) {
      last = Math.max(last, t.startOf(task));
    }
    return last;
  }

  /** The list as the tutorial prints it, or its first and last few when it is too long to read. */
  static String abbreviated(List<String> results) {
    if (results.size() <= 10) {
      return results.toString();
    }
    return "[" + String.join(", ", results.subList(0, 5)) + ", ... " + String.format("%,d", results.size() - 8)
      + " more ..., " + String.join(", ", results.subList(results.size() - 3, results.size())) + "]";
  }
}
