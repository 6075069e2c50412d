package io.asyncscenarios.claim;

import io.asyncscenarios.param.ParamSpec;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.record.EventType;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * A finished scenario as its claims see it: the recorded events, what the scenario returned, and the
 * settings it ran with. Every question is answered in one pass over the events, or from an index built
 * in one pass on first use, so that claims stay linear in the size of the run.
 */
public final class Timeline {

  private final EventLog log;
  private final int size;
  private final JsonObject result;
  private final JsonObject params;
  private final double timeScale;
  private final Tolerance tolerance;
  // When each task started, first slept and ended, by task number; built on first use.
  private double[] starts;
  private double[] sleeps;
  private double[] ends;
  private Map<String, Integer> taskIds;
  private int[] finished;

  public Timeline(EventLog log, JsonObject result, JsonObject params, double timeScale, Tolerance tolerance) {
    this.log = log;
    this.size = log.size();
    this.result = result == null ? new JsonObject() : result;
    this.params = params;
    this.timeScale = timeScale;
    this.tolerance = tolerance;
  }

  public Timeline(List<Event> events, JsonObject result, JsonObject params, double timeScale, Tolerance tolerance) {
    this(EventLog.of(events), result, params, timeScale, tolerance);
  }

  /** The events, each built when it is read. */
  public List<Event> events() {
    return log.asList(size);
  }

  /** The scenario's result; a scenario whose result is not an object has it under {@code value}. */
  public JsonObject result() {
    return result;
  }

  /** The parameters the scenario ran with, every key filled in. */
  public JsonObject params() {
    return params;
  }

  /** A list-of-durations parameter, in the tutorial's seconds. */
  public List<Double> secondsList(String key) {
    return ParamSpec.secondsList(params, key);
  }

  public Tolerance tolerance() {
    return tolerance;
  }

  /** Milliseconds that {@code seconds} of the tutorial last at this run's time scale. */
  public double scaled(double seconds) {
    return seconds * 1000 * timeScale;
  }

  /** Held when {@code actualMs} is about {@code seconds} of the tutorial at this time scale. */
  public Verdict about(double seconds, double actualMs) {
    return Verdict.about(scaled(seconds), actualMs, tolerance);
  }

  /** What was printed, in order. */
  public List<String> printed() {
    return messages(e -> e.type() == EventType.PRINT);
  }

  public List<String> messages(Predicate<Event> filter) {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Event event = log.get(i);
      if (filter.test(event)) {
        messages.add(event.message());
      }
    }
    return messages;
  }

  /** The names of the tasks that finished, in the order they finished. */
  public List<String> finishOrder(Predicate<String> taskFilter) {
    List<String> order = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (log.type(i) == EventType.FINISH) {
        String task = log.taskName(log.task(i));
        if (task != null && taskFilter.test(task)) {
          order.add(task);
        }
      }
    }
    return order;
  }

  /**
   * The names of the tasks whose durations the list parameter {@code key} holds, task {@code i} named
   * {@code name.apply(i)}, shortest first (ties keep their order): the order concurrent sleepers finish in.
   */
  public List<String> shortestFirst(String key, IntFunction<String> name) {
    List<Double> durations = secondsList(key);
    return IntStream.range(0, durations.size()).boxed()
      .sorted(Comparator.comparingDouble(durations::get))
      .map(name::apply)
      .toList();
  }

  /**
   * Held when {@code count} tasks finished, each when its wait ended: started together, the shortest
   * first. Checked in one pass, from when each began to sleep (or started, if it never slept): no task may
   * finish after one whose wait ended earlier by more than the scheduling noise the tolerance allows (at
   * most half the gap between two of the {@code waits}, so that no swap goes unseen).
   *
   * @param waitOf how many of the tutorial's seconds a task waits, by name; NaN for a task left out
   * @param waits every wait there is
   */
  public Verdict finishedWhenDue(ToDoubleFunction<String> waitOf, List<Double> waits, int count) {
    double slack = tolerance.ms();
    List<Double> sorted = waits.stream().distinct().sorted().toList();
    for (int i = 1; i < sorted.size(); i++) {
      slack = Math.min(slack, scaled(sorted.get(i) - sorted.get(i - 1)) / 2);
    }
    double latestDue = Double.NEGATIVE_INFINITY;
    String latestTask = null;
    int checked = 0;
    for (int task : finished()) {
      String name = nameOf(task);
      double wait = waitOf.applyAsDouble(name);
      if (Double.isNaN(wait)) {
        continue;
      }
      checked++;
      double slept = firstSleepOf(task);
      double due = (Double.isNaN(slept) ? startOf(task) : slept) + scaled(wait);
      if (due < latestDue - slack) {
        return Verdict.of(false, "each task to finish when its wait ends",
          name + " (due at " + Math.round(due) + " ms) finished after " + latestTask + " (due at " + Math.round(latestDue) + " ms)");
      }
      if (due > latestDue) {
        latestDue = due;
        latestTask = name;
      }
    }
    return Verdict.of(checked == count, count + " tasks, each finished when its wait ended", checked + " tasks finished in that order");
  }

  /** The numbers of the tasks that finished, in the order they finished: {@link #finishOrder} without the names. */
  public int[] finished() {
    if (finished == null) {
      finished = findFinished();
    }
    return finished.clone();
  }

  private int[] findFinished() {
    int[] order = new int[16];
    int count = 0;
    for (int i = 0; i < size; i++) {
      if (log.type(i) == EventType.FINISH && log.task(i) >= 0) {
        if (count == order.length) {
          order = Arrays.copyOf(order, count * 2);
        }
        order[count++] = log.task(i);
      }
    }
    return Arrays.copyOf(order, count);
  }

  /** The name of task number {@code task}. */
  public String nameOf(int task) {
    return log.taskName(task);
  }

  public double startOf(String task) {
    return startOf(id(task));
  }

  /** When task number {@code task} started. */
  public double startOf(int task) {
    double start = starts()[task];
    if (Double.isNaN(start)) {
      throw new NoSuchElementException("task '" + nameOf(task) + "' has no start event");
    }
    return start;
  }

  /** When the task ended, whether it finished, failed or was cancelled. */
  public double endOf(String task) {
    return endOf(id(task));
  }

  /** When task number {@code task} first began to sleep, or NaN if it never did. */
  public double firstSleepOf(int task) {
    starts();
    return sleeps[task];
  }

  /** When task number {@code task} ended, whether it finished, failed or was cancelled. */
  public double endOf(int task) {
    starts();
    double end = ends[task];
    if (Double.isNaN(end)) {
      throw new NoSuchElementException("task '" + nameOf(task) + "' never ended");
    }
    return end;
  }

  public double durationOf(String task) {
    return endOf(task) - startOf(task);
  }

  /** When a line was first printed. */
  public double printedAt(String message) {
    for (int i = 0; i < size; i++) {
      if (log.type(i) == EventType.PRINT && message.equals(log.message(i))) {
        return log.tMs(i);
      }
    }
    throw new NoSuchElementException("'" + message + "' was never printed");
  }

  /** The first task started: the one the scenario itself runs as. */
  public String mainTask() {
    return nameOf(mainTaskId());
  }

  private int mainTaskId() {
    for (int i = 0; i < size; i++) {
      if (log.type(i) == EventType.START) {
        return log.task(i);
      }
    }
    throw new NoSuchElementException("no task ever started");
  }

  /**
   * When the scenario ended, in milliseconds since it started: its main task's end, or, had it none, its
   * last event (0 for no event at all). Claims are decided then unless they name an earlier moment.
   */
  public double endMs() {
    for (int i = 0; i < size; i++) {
      if (log.type(i) == EventType.START) {
        starts();
        double end = ends[log.task(i)];
        if (!Double.isNaN(end)) {
          return end;
        }
        break;
      }
    }
    return size == 0 ? 0 : log.tMs(size - 1);
  }

  /** When the scenario's main task started. */
  public double startMs() {
    return startOf(mainTaskId());
  }

  /** How long the scenario's main task ran. */
  public double totalMs() {
    int main = mainTaskId();
    return endOf(main) - startOf(main);
  }

  private int id(String task) {
    if (taskIds == null) {
      int count = log.taskCount();
      taskIds = new HashMap<>(count * 2);
      for (int id = 0; id < count; id++) {
        taskIds.putIfAbsent(log.taskName(id), id);
      }
    }
    Integer id = taskIds.get(task);
    if (id == null) {
      throw new NoSuchElementException("no task '" + task + "'");
    }
    return id;
  }

  private double[] starts() {
    if (starts == null) {
      int count = log.taskCount();
      double[] first = new double[count];
      double[] slept = new double[count];
      double[] last = new double[count];
      Arrays.fill(first, Double.NaN);
      Arrays.fill(slept, Double.NaN);
      Arrays.fill(last, Double.NaN);
      for (int i = 0; i < size; i++) {
        int task = log.task(i);
        if (task < 0) {
          continue;
        }
        EventType type = log.type(i);
        if (type == EventType.START && Double.isNaN(first[task])) {
          first[task] = log.tMs(i);
        } else if (type == EventType.SLEEP && Double.isNaN(slept[task])) {
          slept[task] = log.tMs(i);
        } else if ((type == EventType.FINISH || type == EventType.ERROR || type == EventType.CANCEL) && Double.isNaN(last[task])) {
          last[task] = log.tMs(i);
        }
      }
      starts = first;
      sleeps = slept;
      ends = last;
    }
    return starts;
  }
}
