package io.asyncscenarios.report;

import io.asyncscenarios.cluster.TaskNodes;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.runner.ScenarioOutcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scenario's timeline shows, before any drawing: one lane per task from its start to its end,
 * coloured by outcome, with its printed lines and warnings as marks; lanes grouped by the node that ran
 * them, where the scenario's result names it ({@link TaskNodes}), else by the thread their code ran on;
 * and the ticks of the time axis.
 *
 * @param totalMs the time the axis spans
 * @param hiddenLanes lanes left out beyond {@link #MAX_LANES}
 */
public record TimelineLayout(double totalMs, List<Group> groups, List<Tick> ticks, int hiddenLanes) {

  /** More lanes than this are not readable; the rest are counted, not drawn. */
  public static final int MAX_LANES = 200;

  public record Group(String name, List<Lane> lanes) {
  }

  /**
   * @param id the task's number in the log, -1 for the events outside any task
   * @param outcome {@code finished}, {@code failed}, {@code cancelled} or {@code running}
   */
  public record Lane(int id, String task, double startMs, double endMs, String outcome, List<Mark> marks) {

    public double durationMs() {
      return endMs - startMs;
    }
  }

  public record Mark(double tMs, String kind, String message) {
  }

  public record Tick(double tMs, String label) {
  }

  public int laneCount() {
    return groups.stream().mapToInt(g -> g.lanes().size()).sum();
  }

  public static TimelineLayout of(ScenarioOutcome outcome) {
    return of(outcome.log(), outcome.eventCount(), TaskNodes.in(outcome.result()));
  }

  /** @param nodes the node that ran each task, where the scenario says so ({@link TaskNodes}) */
  public static TimelineLayout of(List<Event> events, Map<String, String> nodes) {
    EventLog log = EventLog.of(events);
    return of(log, log.size(), nodes);
  }

  /**
   * Lanes for the first {@link #MAX_LANES} tasks by number (and one for the events outside any task, marks
   * without a bar, never counted as a task), in the
   * order of their first event; the others are only counted, so that laying out a million tasks costs
   * one pass and a few lanes.
   */
  static TimelineLayout of(EventLog log, int size, Map<String, String> nodes) {
    double totalMs = 0;
    for (int i = 0; i < size; i++) {
      totalMs = Math.max(totalMs, log.tMs(i));
    }
    Map<Integer, LaneBuilder> lanes = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      int task = log.task(i);
      if (task >= MAX_LANES) {
        continue;
      }
      Event event = log.get(i);
      String name = event.task() == null ? "(no task)" : event.task();
      lanes.computeIfAbsent(task, id -> new LaneBuilder(id, name, event.tMs(), event.thread())).add(event);
    }
    Map<String, Group> groups = new LinkedHashMap<>();
    int shown = 0;
    int tasks = 0;
    for (LaneBuilder lane : lanes.values()) {
      // The events outside any task (a slow callback's warning) are always drawn: they are no task, not counted.
      boolean task = lane.id >= 0;
      tasks += task ? 1 : 0;
      if (task && shown == MAX_LANES) {
        continue;
      }
      String group = nodes.containsKey(lane.task) ? "node " + nodes.get(lane.task) : "thread " + lane.thread;
      groups.computeIfAbsent(group, name -> new Group(name, new ArrayList<>())).lanes().add(lane.build(totalMs));
      shown += task ? 1 : 0;
    }
    tasks = Math.max(log.taskCount(), tasks);
    return new TimelineLayout(totalMs, List.copyOf(groups.values()), ticks(totalMs), Math.max(0, tasks - shown));
  }

  /** Ticks at 1, 2 or 5 times a power of ten, at most ten of them, in ms below a second and s above. */
  static List<Tick> ticks(double totalMs) {
    double span = Math.max(totalMs, 1);
    double step = 1;
    for (double magnitude = 1; ; magnitude *= 10) {
      double[] candidates = {magnitude, 2 * magnitude, 5 * magnitude};
      boolean found = false;
      for (double candidate : candidates) {
        if (span / candidate <= 10) {
          step = candidate;
          found = true;
          break;
        }
      }
      if (found) {
        break;
      }
    }
    List<Tick> ticks = new ArrayList<>();
    for (double t = 0; t <= span + 1e-9; t += step) {
      ticks.add(new Tick(t, label(t, step)));
    }
    return ticks;
  }

  private static String label(double tMs, double step) {
    if (step >= 1000) {
      double seconds = tMs / 1000;
      return (seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds)) + " s";
    }
    return (long) tMs + " ms";
  }

  private static final class LaneBuilder {

    final int id;
    final String task;
    final double startMs;
    String thread;
    boolean threadFromCode;
    Double endMs;
    String outcome = "running";
    final List<Mark> marks = new ArrayList<>();

    LaneBuilder(int id, String task, double startMs, String thread) {
      this.id = id;
      this.task = task;
      this.startMs = startMs;
      this.thread = thread;
    }

    void add(Event event) {
      switch (event.type()) {
        case FINISH -> end(event, "finished");
        case ERROR -> end(event, "failed");
        case CANCEL -> end(event, "cancelled");
        case PRINT, WARN, LOG -> {
          marks.add(new Mark(event.tMs(), event.type().label(), event.message()));
          // Where the task's own code ran: a blocking task starts on the event loop, prints on a worker.
          if (!threadFromCode && event.type() != EventType.WARN) {
            thread = event.thread();
            threadFromCode = true;
          }
        }
        default -> {
        }
      }
    }

    private void end(Event event, String how) {
      if (endMs == null) {
        endMs = event.tMs();
        outcome = how;
      }
    }

    Lane build(double totalMs) {
      return new Lane(id, task, startMs, endMs == null ? totalMs : endMs, outcome, List.copyOf(marks));
    }
  }
}
