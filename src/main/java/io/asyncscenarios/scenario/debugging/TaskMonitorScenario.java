package io.asyncscenarios.scenario.debugging;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.scenario.Scenario;
import io.asyncscenarios.task.Task;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.List;

/**
 * A Monitor task prints, every half second, the current task and every live task (the task API's
 * {@code current()} and {@code all()}, as {@code asyncio.current_task()} and {@code all_tasks()}) while
 * tasks A, B and C run; then it is cancelled.
 */
public class TaskMonitorScenario extends Scenario {

  static final String MONITOR = "Monitor";
  private Promise<Void> nextReport;

  @Override
  protected Future<?> run() {
    Task<Void> monitor = tasks.start(MONITOR, this::monitor);
    List<Future<Void>> gathered = new ArrayList<>();
    for (String name : List.of("A", "B", "C")) {
      gathered.add(tasks.<Void>start(() -> task(name)).future());
    }
    return Future.all(gathered)
      // The tutorial's output ends with the monitor seeing only the main task and itself: let it look
      // once more before it is cancelled.
      .compose(v -> {
        nextReport = Promise.promise();
        return nextReport.future();
      })
      .compose(v -> {
        monitor.cancel();
        return monitor.future().otherwiseEmpty();
      });
  }

  private Future<Void> task(String name) {
    print("Task %s starting", name);
    return sleep(seconds("delay")).onSuccess(v -> print("Task %s completed", name));
  }

  private Future<Void> monitor() {
    print("Current task: %s", tasks.currentName());
    print("All tasks: %s", tasks.all().stream().map(Task::name).toList());
    if (nextReport != null) {
      nextReport.tryComplete();
    }
    return sleep(seconds("interval")).compose(v -> monitor());
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("the current task, seen from the monitor, is always Monitor", t -> {
        List<String> current = t.messages(e -> e.type() == EventType.PRINT && e.message().startsWith("Current task:"));
        return Verdict.of(!current.isEmpty() && current.stream().allMatch(("Current task: " + MONITOR)::equals),
          "Current task: Monitor, each time", String.valueOf(current));
      }),
      Claim.of("while A, B and C run, the monitor lists them", t -> {
        double firstEnd = Math.min(t.endOf("Task-3"), Math.min(t.endOf("Task-4"), t.endOf("Task-5")));
        List<String> during = t.messages(e -> e.type() == EventType.PRINT && e.message().startsWith("All tasks:") && e.tMs() < firstEnd);
        String expected = "All tasks: [Task-1, Monitor, Task-3, Task-4, Task-5]";
        return Verdict.of(!during.isEmpty() && during.stream().allMatch(expected::equals), expected, String.valueOf(during));
      }),
      Claim.of("after they end, only the main task and Monitor remain", t -> {
        List<String> all = t.messages(e -> e.type() == EventType.PRINT && e.message().startsWith("All tasks:"));
        return Verdict.equal("All tasks: [Task-1, Monitor]", all.isEmpty() ? "none" : all.get(all.size() - 1));
      }),
      Claim.of("Monitor ends cancelled", t ->
        Verdict.equal(List.of("cancelled"), t.messages(e -> e.type() == EventType.CANCEL && MONITOR.equals(e.task())))));
  }
}
