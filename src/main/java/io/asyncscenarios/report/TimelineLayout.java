package io.asyncscenarios.report;

import io.asyncscenarios.cluster.TaskNodes;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.TaskEnd;
import io.asyncscenarios.runner.ScenarioOutcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a scenario's timeline shows, before any drawing: one lane per task from its start to its end,
 * coloured by outcome, with its printed lines and warnings as marks; lanes grouped by the node that ran
 * them, where the scenario's result names it ({@link TaskNodes}), else by the thread their code ran on;
 * and the ticks of the time axis. A task's start, end, outcome and thread are {@link TaskStories}' reading,
 * the one the HTML report's data and the trace share.
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
   * Lanes for the first {@link #MAX_LANES} tasks by number, as {@link TaskStories} tells them (start, end,
   * outcome, the thread their code ran on), and one for the events outside any task (marks without a bar,
   * never counted as a task), in the order of their first event; the others are only counted, so that
   * laying out a million tasks costs two passes and a few lanes.
   */
  static TimelineLayout of(EventLog log, int size, Map<String, String> nodes) {
    TaskStories stories = TaskStories.read(log, size, MAX_LANES, 0);
    double totalMs = stories.lastMs();
    Marks marks = Marks.read(log, size, stories);
    Map<String, Group> groups = new LinkedHashMap<>();
    List<TaskStories.Story> told = stories.inOrderOfStart();
    for (int k = 0; k <= told.size(); k++) {
      if (k == marks.outsideAt) {
        add(groups, nodes, marks.outsideThread,
          new Lane(-1, NO_TASK, marks.outsideStartMs, totalMs, TaskEnd.RUNNING.label(), marks.of(-1)));
      }
      if (k < told.size()) {
        TaskStories.Story story = told.get(k);
        double endMs = Double.isNaN(story.endMs()) ? totalMs : story.endMs();
        add(groups, nodes, story.home(),
          new Lane(story.number(), story.name(), story.startMs(), endMs, story.end().label(), marks.of(story.number())));
      }
    }
    int hidden = Math.max(0, log.taskCount() - told.size());
    return new TimelineLayout(totalMs, List.copyOf(groups.values()), ticks(totalMs), hidden);
  }

  private static final String NO_TASK = "(no task)";

  private static void add(Map<String, Group> groups, Map<String, String> nodes, String thread, Lane lane) {
    String group = nodes.containsKey(lane.task()) ? "node " + nodes.get(lane.task()) : "thread " + thread;
    groups.computeIfAbsent(group, name -> new Group(name, new ArrayList<>())).lanes().add(lane);
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

  /**
   * The marks (printed lines, warnings, logged lines) of the drawn tasks and of the events outside any task,
   * and, for the lane of these events, which has no story: where it goes among the tasks in the order of
   * their first event, when it starts and the thread its code ran on.
   */
  private static final class Marks {

    private final Map<Integer, List<Mark>> byTask = new HashMap<>();
    // -1: no event outside any task; else the number of drawn tasks whose first event came before its first.
    private int outsideAt = -1;
    private double outsideStartMs;
    private String outsideThread;
    private boolean outsideThreadFromCode;

    static Marks read(EventLog log, int size, TaskStories stories) {
      Marks marks = new Marks();
      // The drawn tasks started so far, until the first event outside any task: at most MAX_LANES.
      Set<Integer> started = new HashSet<>();
      for (int i = 0; i < size; i++) {
        int task = log.task(i);
        if (task >= 0 && stories.of(task) == null) {
          continue;
        }
        if (marks.outsideAt < 0) {
          if (task >= 0) {
            started.add(task);
          } else {
            marks.outsideAt = started.size();
            marks.outsideStartMs = log.tMs(i);
            marks.outsideThread = log.thread(i);
          }
        }
        EventType type = log.type(i);
        if (type == EventType.PRINT || type == EventType.WARN || type == EventType.LOG) {
          marks.byTask.computeIfAbsent(task, n -> new ArrayList<>()).add(new Mark(log.tMs(i), type.label(), log.message(i)));
          // As a story's home: where the code ran, not where a warning about it was raised.
          if (task < 0 && type != EventType.WARN && !marks.outsideThreadFromCode) {
            marks.outsideThread = log.thread(i);
            marks.outsideThreadFromCode = true;
          }
        }
      }
      return marks;
    }

    List<Mark> of(int task) {
      return List.copyOf(byTask.getOrDefault(task, List.of()));
    }
  }
}
