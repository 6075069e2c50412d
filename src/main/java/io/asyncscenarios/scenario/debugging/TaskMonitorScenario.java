package io.asyncscenarios.scenario.debugging;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.TaskEnd;
import io.asyncscenarios.scenario.Scenario;
import io.asyncscenarios.task.Task;
import io.asyncscenarios.task.Tasks;
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
  /** The names tasks A, B and C were given when {@link #run()} created them: the claims look for these. */
  private volatile List<String> gatheredNames = List.of();
  /** Set once A, B and C are done; the monitor's next report completes it. */
  private Promise<Void> nextReport;

  private Future<Void> task(String name) {
    print("Task %s starting", name);
    return sleep(seconds("delay")).onSuccess(v -> print("Task %s completed", name));
  }

  // while True: the loop is a recursion through the sleep's future, which cancelling the task fails.
  private Future<Void> monitor() {
    Task<?> currentTask = tasks.current();
    List<Task<?>> allTasks = tasks.all();
    print("Current task: %s", currentTask.name());
    print("All tasks: %s", allTasks.stream().map(Task::name).toList());
    if (nextReport != null) {
      nextReport.tryComplete();
    }
    return sleep(seconds("interval")).compose(v -> monitor());
  }

  // async def main():
  @Override
  protected Future<?> run() {
    Task<Void> monitorTask = tasks.start(MONITOR, this::monitor);
    // gather wraps each coroutine in a task: so does this, and keeps the tasks to know their names.
    List<Task<Void>> gathered = List.of(tasks.start(() -> task("A")), tasks.start(() -> task("B")), tasks.start(() -> task("C")));
    gatheredNames = gathered.stream().map(Task::name).toList();
    return Future.all(gathered.stream().map(Task::future).toList())
      // The tutorial's output ends with the monitor seeing only the main task and itself: let it look
      // once more before it is cancelled.
      // The monitor completes it; made by tasks.promise(), main carries on as main, and so cancels the monitor as itself.
      .compose(v -> {
        nextReport = tasks.promise();
        return Tasks.waitOn("future", "the monitor's next report", nextReport.future());
      })
      .compose(v -> {
        monitorTask.cancel();
        return monitorTask.future().otherwiseEmpty();
      });
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
        double firstEnd = gatheredNames.stream().mapToDouble(t::endOf).min().orElse(Double.NaN);
        List<String> during = t.messages(e -> e.type() == EventType.PRINT && e.message().startsWith("All tasks:") && e.tMs() < firstEnd);
        List<String> live = new ArrayList<>(List.of(t.mainTask(), MONITOR));
        live.addAll(gatheredNames);
        String expected = "All tasks: " + live;
        return Verdict.of(!during.isEmpty() && during.stream().allMatch(expected::equals), expected, String.valueOf(during));
      }),
      Claim.of("after they end, only the main task and Monitor remain", t -> {
        List<String> all = t.messages(e -> e.type() == EventType.PRINT && e.message().startsWith("All tasks:"));
        return Verdict.equal("All tasks: " + List.of(t.mainTask(), MONITOR), all.isEmpty() ? "none" : all.get(all.size() - 1));
      }),
      // main cancels it: its cancel event says so.
      Claim.of("Monitor ends cancelled", t ->
        Verdict.equal(List.of(TaskEnd.CANCELLED_BY + t.mainTask()),
          t.messages(e -> e.type() == EventType.CANCEL && MONITOR.equals(e.task()))))
        .at(t -> t.endOf(MONITOR)));
  }
}
