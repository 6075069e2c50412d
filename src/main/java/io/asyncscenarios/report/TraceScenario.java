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
 * awaiter, when it began to await, to the awaited task's end. The tasks, their ends and their waits are those
 * {@link TaskStories} reads; only the waits that nest are drawn, as the format asks. Only the first
 * {@link TraceReport.Limits#tasks()} tasks by number are drawn, and at most so many instants and nested slices:
 * the rest are counted in {@link #hidden()}.
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
    TaskStories stories = TaskStories.read(log, size, drawn, limits.slices());
    hiddenSlices = stories.waitsLeftOut();
    // Processes numbered as the tasks that ran on them first appear, in this node's too.
    Map<String, String> nodes = TaskNodes.in(outcome.result());
    String self = threads.node(TraceThreads.SELF);
    int[] pids = new int[drawn];
    for (TaskStories.Story task : stories.inOrderOfStart()) {
      pids[task.number()] = threads.pid(nodes.getOrDefault(task.name(), self));
    }
    for (int i = 0; i < size; i++) {
      int number = log.task(i);
      if (number >= drawn) {
        continue;
      }
      String type = log.type(i).label();
      if (isInstant(type)) {
        if (number < 0) {
          instant(log.tMs(i), TraceThreads.SELF, log.thread(i), type, "(no task)", log.message(i));
        } else {
          instant(log.tMs(i), pids[number], log.thread(i), type, stories.of(number).name(), log.message(i));
        }
      }
    }
    double lastMs = stories.lastMs();
    double endMs = Math.max(lastMs, outcome.elapsedMs());
    String id = outcome.info().id();
    int scenarios = threads.tid(TraceThreads.SELF, TraceThreads.SCENARIOS);
    add(0, 'b', TraceThreads.SELF, scenarios, CAT_SCENARIO, id, index + 1L,
      "title", outcome.info().title(), "section", outcome.info().section(), "status", outcome.status().label());
    for (int number = 0; number < drawn; number++) {
      TaskStories.Story task = stories.of(number);
      if (task != null) {
        slices(task, pids[number], lastMs, stories);
      }
    }
    awaits(stories, pids);
    add(endMs, 'e', TraceThreads.SELF, scenarios, CAT_SCENARIO, id, index + 1L);
    // Stable: what happened at one time keeps the order it was added in, which nests it.
    events.sort(Comparator.comparingLong(Event::tsNanos));
  }

  /** The task's slice and its nested ones, those that nest: a wait that outlives the one it began in is not drawn. */
  private void slices(TaskStories.Story task, int pid, double lastMs, TaskStories stories) {
    int number = task.number();
    double endMs = Double.isNaN(task.endMs()) ? lastMs : task.endMs();
    int tid = threads.tid(pid, task.home());
    long id = idBase + number;
    List<String> args = new ArrayList<>(List.of("scenario", outcome.info().id(), "end", task.end().label()));
    if (!task.endMessage().isEmpty()) {
      args.addAll(List.of("reason", task.endMessage()));
    }
    if (pid != TraceThreads.SELF) {
      args.addAll(List.of("node", threads.node(pid)));
    }
    linkArg(args, "createdBy", links.creator(number), stories);
    linkArg(args, "awaitedBy", links.awaiter(number), stories);
    add(task.startMs(), 'b', pid, tid, CAT_TASK, task.name(), id, args.toArray(String[]::new));
    // The waits a task's story keeps end by its end; the trace draws those that nest, as its format asks.
    Deque<TaskStories.Wait> open = new ArrayDeque<>();
    for (TaskStories.Wait wait : task.waits()) {
      while (!open.isEmpty() && open.peek().toMs() <= wait.fromMs()) {
        TaskStories.Wait done = open.pop();
        add(done.toMs(), 'e', pid, tid, CAT_TASK, sliceName(done), id);
      }
      if (!open.isEmpty() && wait.toMs() > open.peek().toMs()) {
        hiddenSlices++;
        continue;
      }
      add(wait.fromMs(), 'b', pid, tid, CAT_TASK, sliceName(wait), id, sliceArgs(wait));
      open.push(wait);
    }
    while (!open.isEmpty()) {
      TaskStories.Wait done = open.pop();
      add(done.toMs(), 'e', pid, tid, CAT_TASK, sliceName(done), id);
    }
    add(Math.max(endMs, task.startMs()), 'e', pid, tid, CAT_TASK, task.name(), id);
  }

  /** A sleep as {@code sleep 2000 ms}, a wait as its message ({@code http http://example.com}). */
  private static String sliceName(TaskStories.Wait wait) {
    if (wait.sleep()) {
      return wait.what().isEmpty() ? "sleep" : "sleep " + wait.what() + " ms";
    }
    return shorten(wait.message());
  }

  private static String[] sliceArgs(TaskStories.Wait wait) {
    if (wait.sleep()) {
      return wait.what().isEmpty() ? new String[] {"kind", "sleep"} : new String[] {"kind", "sleep", "ms", wait.what()};
    }
    return new String[] {"kind", wait.kind(), "what", wait.what()};
  }

  private static void linkArg(List<String> args, String key, int task, TaskStories stories) {
    if (task >= 0) {
      TaskStories.Story story = stories.of(task);
      args.addAll(List.of(key, story != null ? story.name() : "task " + task));
    }
  }

  /**
   * A flow per await edge, from the awaiter at the moment it began to await, on its thread, to the awaited
   * task's end, on the thread it ended on: an arrow saying "waits for this". Drawn from the awaited task's end
   * to the awaiter instead, the two ends met at one point (the await returns when the task ends) and no
   * arrow showed. A task awaited only after it had ended gets the arrow the other way, from its end to the
   * await, since a flow runs forward in time. Flow events bind to the enclosing slice of their thread
   * ("bp":"e"), not to an async slice, so each end has a zero-length complete event of its own on its
   * thread, written just before it.
   */
  private void awaits(TaskStories stories, int[] pids) {
    for (int number = 0; number < pids.length; number++) {
      TaskStories.Story awaited = stories.of(number);
      int by = links.awaiter(number);
      TaskStories.Story awaiter = stories.of(by);
      if (awaited == null || Double.isNaN(awaited.endMs()) || awaiter == null) {
        continue;
      }
      double endMs = awaited.endMs();
      double askedMs = links.awaitedAtMs(number);
      // Not knowing when it was asked, the await is drawn as beginning at the end.
      double awaitMs = Double.isNaN(askedMs) ? endMs : askedMs;
      long flow = idBase + number;
      String end = awaited.end().label();
      int endTid = threads.tid(pids[number], awaited.endThread());
      int awaitTid = threads.tid(pids[by], awaiter.home());
      String[] endArgs = {"awaitedBy", awaiter.name()};
      String[] awaitArgs = {"awaited", awaited.name(), "end", end};
      String endName = awaited.name() + " " + end;
      String awaitName = "await " + awaited.name();
      if (awaitMs <= endMs) {
        add(awaitMs, 'X', pids[by], awaitTid, CAT_AWAIT, awaitName, 0, awaitArgs);
        add(awaitMs, 's', pids[by], awaitTid, CAT_AWAIT, CAT_AWAIT, flow);
        add(endMs, 'X', pids[number], endTid, CAT_AWAIT, endName, 0, endArgs);
        add(endMs, 'f', pids[number], endTid, CAT_AWAIT, CAT_AWAIT, flow);
      } else {
        add(endMs, 'X', pids[number], endTid, CAT_AWAIT, endName, 0, endArgs);
        add(endMs, 's', pids[number], endTid, CAT_AWAIT, CAT_AWAIT, flow);
        add(awaitMs, 'X', pids[by], awaitTid, CAT_AWAIT, awaitName + " (had ended)", 0, awaitArgs);
        add(awaitMs, 'f', pids[by], awaitTid, CAT_AWAIT, CAT_AWAIT, flow);
      }
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
}
