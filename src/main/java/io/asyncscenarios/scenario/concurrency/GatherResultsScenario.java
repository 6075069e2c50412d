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

  private Future<String> fetchData(String name, double delay) {
    print(name + " started");
    return sleep(delay).map(v -> {
      print(name + " finished");
      return name + " result";
    });
  }

  // async def main():
  @Override
  protected Future<?> run() {
    long start = System.nanoTime();
    List<Double> durations = secondsList("durations");
    int count = config().getInteger("count", durations.size());
    // gather(fetch_data("Task 1", 3), ...): a task per call, started in slices so that a million never hold the loop long.
    return tasks.startEach(count, GatherResultsScenario::taskName, (i, name) -> fetchData(name, durations.get(i % durations.size())))
      .compose(Future::all)
      .map(gathered -> {
        List<String> results = gathered.list();
        print("All tasks done in %.2f s", (System.nanoTime() - start) / 1e9);
        print("Results: %s", abbreviated(results));
        return results;
      });
  }

  private static String taskName(int index) {
    return "Task " + (index + 1);
  }

  /** The list as the tutorial prints it, or its first and last few when it is too long to read. */
  private static String abbreviated(List<String> results) {
    if (results.size() <= 10) {
      return results.toString();
    }
    return "[" + String.join(", ", results.subList(0, 5)) + ", ... " + String.format("%,d", results.size() - 8)
      + " more ..., " + String.join(", ", results.subList(results.size() - 3, results.size())) + "]";
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("tasks finish shortest first (in the order their waits end)", t -> {
        List<Double> durations = t.secondsList("durations");
        return t.finishedWhenDue(name -> waitOf(name, durations), durations, count(t));
      }).at(GatherResultsScenario::lastFinish),
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

  /** How long task {@code name} waits: its duration, the durations cycled over the tasks; NaN for other tasks. */
  private static double waitOf(String name, List<Double> durations) {
    return name.startsWith("Task ") ? durations.get((Integer.parseInt(name.substring(5)) - 1) % durations.size()) : Double.NaN;
  }

  private static int count(Timeline t) {
    return t.params().getInteger("count", t.secondsList("durations").size());
  }

  /** When the last of the gathered tasks finished (the main task ends after them): their order is complete then. */
  private static double lastFinish(Timeline t) {
    int[] finished = t.finished();
    for (int i = finished.length - 1; i >= 0; i--) {
      if (t.nameOf(finished[i]).startsWith("Task ")) {
        return t.endOf(finished[i]);
      }
    }
    return Double.NaN;
  }

  private static double lastStart(Timeline t) {
    double last = 0;
    for (int task : t.finished()) {
      last = Math.max(last, t.startOf(task));
    }
    return last;
  }
}
