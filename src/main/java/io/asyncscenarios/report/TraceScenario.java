package io.asyncscenarios.report;

import io.asyncscenarios.cluster.TaskNodes;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.runner.ScenarioOutcome;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * One scenario's part of the trace, before it is written: its events as trace events, in time order. A task
 * becomes an async slice from its first event to its end, with a nested slice for each sleep or wait; what
 * it printed or warned becomes an instant on the thread it happened on; an await edge becomes a flow from the
 * awaited task's end to the task that awaited it. Only the first {@link TraceReport.Limits#tasks()} tasks by
 * number are drawn, and at most so many instants and nested slices: the rest are counted in {@link #hidden()}.
 */
final class TraceScenario {

  /** A trace event: {@code ph} as the format has it; times in nanoseconds from the run's start. */
  record Event(long tsNanos, char ph, int pid, int tid, String cat, String name, long id, String... args) {
  }

  /** What the limits left out: tasks, instants (printed lines and warnings), nested slices. */
  record Hidden(long tasks, long instants, long slices) {

    boolean any() {
      return tasks + instants + slices > 0;
    }
  }

  static final String CAT_TASK = "task";
  static final String CAT_SCENARIO = "scenario";
  static final String CAT_AWAIT = "await";
  private static final int MAX_NAME = 160;

  private final ScenarioOutcome outcome;
  private final long offsetNanos;
  private final long idBase;
  private final TraceThreads threads;
  private final TaskLinks links;
  private final TraceReport.Limits limits;
  private final List<Event> events = new ArrayList<>();
  private long hiddenTasks;
  private long hiddenInstants;
  private long hiddenSlices;
  private long instants;
  private long slices;

  /**
   * @param offsetNanos when the scenario started, from the run's start
   * @param idBase added to task numbers to make the ids of slices and flows that no other scenario of the trace uses
   */
  private TraceScenario(ScenarioOutcome outcome, long offsetNanos, long idBase, TraceThreads threads, TaskLinks links,
                        TraceReport.Limits limits) {
    this.outcome = outcome;
    this.offsetNanos = offsetNanos;
    this.idBase = idBase;
    this.threads = threads;
    this.links = links;
    this.limits = limits;
  }

  static TraceScenario build(ScenarioOutcome outcome, int index, long offsetNanos, long idBase, TraceThreads threads,
                             TaskLinks links, TraceReport.Limits limits) {
    TraceScenario trace = new TraceScenario(outcome, offsetNanos, idBase, threads, links, limits);
    trace.read(index);
    return trace;
  }

  /** The trace events, in time order; at one time, in the order that nests them (a slice's end before its parent's). */
  List<Event> events() {
    return events;
  }

  Hidden hidden() {
    return new Hidden(hiddenTasks, hiddenInstants, hiddenSlices);
  }

  /** How many slice ids this scenario may use from its {@code idBase}: one per task drawn. */
  static long idsUsed(ScenarioOutcome outcome, TraceReport.Limits limits) {
    return Math.min(outcome.log().taskCount(), limits.tasks());
  }

  private void read(int index) {
    EventLog log = outcome.log();
    int size = outcome.eventCount();
    int drawn = (int) idsUsed(outcome, limits);
    hiddenTasks = log.taskCount() - drawn;
    Map<String, String> nodes = TaskNodes.in(outcome.result());
    String self = threads.node(TraceThreads.SELF);
    Task[] tasks = new Task[drawn];
    double lastMs = 0;
    for (int i = 0; i < size; i++) {
      int number = log.task(i);
      double ms = log.tMs(i);
      lastMs = Math.max(lastMs, ms);
      if (number >= drawn) {
        continue;
      }
      String type = log.type(i).label();
      if (number < 0) {
        if (isInstant(type)) {
          instant(ms, TraceThreads.SELF, log.thread(i), type, "(no task)", log.message(i));
        }
        continue;
      }
      Task task = tasks[number];
      if (task == null) {
        String name = log.taskName(number);
        task = new Task(name, threads.pid(nodes.getOrDefault(name, self)), ms, log.thread(i));
        tasks[number] = task;
      }
      task.record(this, ms, type, log.thread(i), log.message(i));
    }
    double endMs = Math.max(lastMs, outcome.elapsedMs());
    String id = outcome.info().id();
    int scenarios = threads.tid(TraceThreads.SELF, TraceThreads.SCENARIOS);
    add(0, 'b', TraceThreads.SELF, scenarios, CAT_SCENARIO, id, index + 1L,
      "title", outcome.info().title(), "section", outcome.info().section(), "status", outcome.status().label());
    for (int number = 0; number < tasks.length; number++) {
      if (tasks[number] != null) {
        slices(number, tasks[number], lastMs, tasks);
      }
    }
    awaits(tasks);
    add(endMs, 'e', TraceThreads.SELF, scenarios, CAT_SCENARIO, id, index + 1L);
    // Stable: what happened at one time keeps the order it was added in, which nests it.
    events.sort(Comparator.comparingLong(Event::tsNanos));
  }

  /** The task's slice and its nested ones, those that nest: a wait that outlives the one it began in is not drawn. */
  private void slices(int number, Task task, double lastMs, Task[] tasks) {
    double endMs = Double.isNaN(task.endMs) ? lastMs : task.endMs;
    int tid = threads.tid(task.pid, task.home);
    long id = idBase + number;
    List<String> args = new ArrayList<>(List.of("scenario", outcome.info().id(), "end", task.end));
    if (task.reason != null && !task.reason.isEmpty()) {
      args.addAll(List.of("reason", task.reason));
    }
    if (task.pid != TraceThreads.SELF) {
      args.addAll(List.of("node", threads.node(task.pid)));
    }
    linkArg(args, "createdBy", links.creator(number), tasks);
    linkArg(args, "awaitedBy", links.awaiter(number), tasks);
    add(task.startMs, 'b', task.pid, tid, CAT_TASK, task.name, id, args.toArray(String[]::new));
    Deque<Interval> open = new ArrayDeque<>();
    for (Interval interval : task.intervals) {
      double until = Double.isNaN(interval.endMs) ? endMs : Math.min(interval.endMs, endMs);
      while (!open.isEmpty() && open.peek().endMs <= interval.startMs) {
        Interval done = open.pop();
        add(done.endMs, 'e', task.pid, tid, CAT_TASK, done.name, id);
      }
      if (!open.isEmpty() && until > open.peek().endMs) {
        hiddenSlices++;
        continue;
      }
      interval.endMs = Math.max(until, interval.startMs);
      add(interval.startMs, 'b', task.pid, tid, CAT_TASK, interval.name, id, interval.args);
      open.push(interval);
    }
    while (!open.isEmpty()) {
      Interval done = open.pop();
      add(done.endMs, 'e', task.pid, tid, CAT_TASK, done.name, id);
    }
    add(Math.max(endMs, task.startMs), 'e', task.pid, tid, CAT_TASK, task.name, id);
  }

  private static void linkArg(List<String> args, String key, int task, Task[] tasks) {
    if (task >= 0) {
      args.addAll(List.of(key, task < tasks.length && tasks[task] != null ? tasks[task].name : "task " + task));
    }
  }

  /**
   * A flow per await edge, from the awaited task's end to the awaiting task at the moment its await returns:
   * the task's end, or the await itself when the task had ended before. Flow events bind to the enclosing
   * slice of their thread ("bp":"e"), not to an async slice, so each end has a zero-length complete event of
   * its own on its thread, written just before it.
   */
  private void awaits(Task[] tasks) {
    for (int number = 0; number < tasks.length; number++) {
      Task awaited = tasks[number];
      int by = links.awaiter(number);
      if (awaited == null || Double.isNaN(awaited.endMs) || by < 0 || by >= tasks.length || tasks[by] == null) {
        continue;
      }
      Task awaiter = tasks[by];
      double askedMs = links.awaitedAtMs(number);
      double returnsMs = Double.isNaN(askedMs) ? awaited.endMs : Math.max(awaited.endMs, askedMs);
      long flow = idBase + number;
      int from = threads.tid(awaited.pid, awaited.endThread);
      int to = threads.tid(awaiter.pid, awaiter.home);
      add(awaited.endMs, 'X', awaited.pid, from, CAT_AWAIT, awaited.name + " " + awaited.end, 0,
        "awaitedBy", awaiter.name);
      add(awaited.endMs, 's', awaited.pid, from, CAT_AWAIT, CAT_AWAIT, flow);
      add(returnsMs, 'X', awaiter.pid, to, CAT_AWAIT, "await " + awaited.name + " returns", 0,
        "awaited", awaited.name, "end", awaited.end);
      add(returnsMs, 'f', awaiter.pid, to, CAT_AWAIT, CAT_AWAIT, flow);
    }
  }

  private void instant(double ms, int pid, String thread, String type, String task, String message) {
    if (++instants > limits.instants()) {
      hiddenInstants++;
      return;
    }
    String name = message.isEmpty() ? type : shorten(message);
    if (name.length() == message.length()) {
      add(ms, 'i', pid, threads.tid(pid, thread), type, name, 0, "task", task);
    } else {
      add(ms, 'i', pid, threads.tid(pid, thread), type, name, 0, "task", task, "message", message);
    }
  }

  private boolean takeSlice() {
    if (++slices > limits.slices()) {
      hiddenSlices++;
      return false;
    }
    return true;
  }

  private void add(double ms, char ph, int pid, int tid, String cat, String name, long id, String... args) {
    events.add(new Event(offsetNanos + Math.round(ms * 1_000_000), ph, pid, tid, cat, name, id, args));
  }

  /** Printed lines, logged records and warnings become instants; the other types are a task's life. */
  static boolean isInstant(String type) {
    return type.equals("print") || type.equals("warn") || type.equals("log");
  }

  static String shorten(String text) {
    return text.length() <= MAX_NAME ? text : text.substring(0, MAX_NAME - 1) + "…";
  }

  /** A sleep or a wait of a task, nested in its slice. */
  private static final class Interval {
    final double startMs;
    double endMs = Double.NaN;
    final String name;
    final String[] args;

    Interval(double startMs, String name, String... args) {
      this.startMs = startMs;
      this.name = name;
      this.args = args;
    }
  }

  /** What the trace needs of one task, gathered as its events go by. */
  private static final class Task {
    final String name;
    final int pid;
    final double startMs;
    // Where its code ran: the thread of its first printed or logged line, else where it started (a blocking
    // task starts on the event loop and prints on a worker), as the HTML timeline groups it.
    String home;
    boolean homeFromCode;
    double endMs = Double.NaN;
    String end = "running";
    String reason;
    String endThread;
    Interval sleep;
    final List<Interval> waits = new ArrayList<>(0);
    final List<Interval> intervals = new ArrayList<>(0);

    Task(String name, int pid, double startMs, String thread) {
      this.name = name;
      this.pid = pid;
      this.startMs = startMs;
      this.home = thread;
    }

    void record(TraceScenario trace, double ms, String type, String thread, String message) {
      // A sleep ends at the task's next event, whatever it is.
      if (sleep != null) {
        sleep.endMs = ms;
        sleep = null;
      }
      boolean ended = !Double.isNaN(endMs);
      switch (type) {
        case "sleep" -> {
          if (!ended && trace.takeSlice()) {
            sleep = message.isEmpty() ? new Interval(ms, "sleep", "kind", "sleep")
              : new Interval(ms, "sleep " + message + " ms", "kind", "sleep", "ms", message);
            intervals.add(sleep);
          }
        }
        // The recording of issue 14 adds the `wait` and `wake` event types: a wait on something other than a
        // timer or a task ("<kind> <what>"), and its end, with the same text. Matched by their labels, they are
        // drawn as soon as the log has them.
        case "wait" -> {
          if (!ended && trace.takeSlice()) {
            int space = message.indexOf(' ');
            String kind = space < 0 ? message : message.substring(0, space);
            Interval wait = new Interval(ms, shorten(message), "kind", kind, "what", message.substring(kind.length()).strip());
            waits.add(wait);
            intervals.add(wait);
          }
        }
        case "wake" -> {
          for (int k = 0; k < waits.size(); k++) {
            if (waits.get(k).name.equals(shorten(message))) {
              waits.remove(k).endMs = ms;
              break;
            }
          }
        }
        case "print", "log", "warn" -> {
          trace.instant(ms, pid, thread, type, name, message);
          if (!homeFromCode && !type.equals("warn")) {
            home = thread;
            homeFromCode = true;
          }
        }
        case "finish", "error", "cancel" -> {
          if (!ended) {
            endMs = ms;
            end = type.equals("finish") ? "finished" : type.equals("error") ? "failed" : "cancelled";
            reason = message;
            endThread = thread;
          }
        }
        default -> {
        }
      }
    }
  }
}
