package io.asyncscenarios.report;

import io.asyncscenarios.record.EventLog;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.TaskEnd;

import java.util.ArrayList;
import java.util.List;

/**
 * The story of each of a scenario's first tasks, read from its events in one pass: when the task started
 * and ended and how, which thread its code ran on, and what it waited on and how long. The one reading of
 * these that the reports share: the HTML report's timeline ({@link TimelineLayout}) and data
 * ({@link TeachingData}) and the trace ({@link TraceScenario}) draw the same tasks and waits, each in its own shape.
 *
 * <p>What the events mean:
 * <ul>
 *   <li>a task starts at its first event and ends at its first {@code finish}, {@code error} or
 *       {@code cancel} ({@link TaskEnd#of}); without one it is still running;</li>
 *   <li>a {@code sleep} (message: the milliseconds) is a wait on a timer until the task's next event, whatever
 *       it is;</li>
 *   <li>a {@code wait} (message: {@code <kind> <what>}) lasts until the first {@code wake} with the same message
 *       that follows it, or until the task ends: a task stops waiting when it ends;</li>
 *   <li>a task that has ended waits no more: a sleep or wait after its end is no wait;</li>
 *   <li>waits still open when the events stop hold until then.</li>
 * </ul>
 *
 * <p>Bounded whatever the run, as the reports draw only the first tasks: a story for each task numbered below
 * {@code maxTasks} that has an event (no object at all for the others, a million of them), and the first
 * {@code maxWaits} waits by their start; the waits past them are only counted.
 */
final class TaskStories {

  /** The kind of a sleep's wait: it waits on a timer. */
  static final String TIMER = "timer";

  private final Story[] byNumber;
  private final List<Story> inOrderOfStart = new ArrayList<>();
  private double lastMs;
  private long waitsLeftOut;

  private TaskStories(int tasks) {
    byNumber = new Story[tasks];
  }

  /** The stories of the first {@code size} events of {@code log}: of the tasks numbered below {@code maxTasks}. */
  static TaskStories read(EventLog log, int size, int maxTasks, int maxWaits) {
    TaskStories stories = new TaskStories(Math.max(0, Math.min(log.taskCount(), maxTasks)));
    long waits = 0;
    for (int i = 0; i < size; i++) {
      double tMs = log.tMs(i);
      stories.lastMs = Math.max(stories.lastMs, tMs);
      int task = log.task(i);
      if (task < 0 || task >= stories.byNumber.length) {
        continue;
      }
      Story story = stories.byNumber[task];
      if (story == null) {
        story = new Story(task, log.taskName(task), tMs, log.thread(i));
        stories.byNumber[task] = story;
        stories.inOrderOfStart.add(story);
      }
      EventType type = log.type(i);
      // Counted as they start, so that the waits kept are the first ones, whatever becomes of them.
      if ((type == EventType.SLEEP || type == EventType.WAIT) && !story.ended() && waits++ >= maxWaits) {
        stories.waitsLeftOut++;
        story.tell(log, i, tMs, null);
      } else {
        story.tell(log, i, tMs, type);
      }
    }
    // Those of a task still running hold until the events stop; a task that ended has none open.
    for (Story story : stories.inOrderOfStart) {
      story.closeAll(stories.lastMs);
    }
    return stories;
  }

  /** The time of the last event, in ms since the start: where what is still open ends. */
  double lastMs() {
    return lastMs;
  }

  /** The tasks told, in the order of their first event. */
  List<Story> inOrderOfStart() {
    return inOrderOfStart;
  }

  /** The story of task number {@code task}, or null: it had no event, or is past {@code maxTasks}. */
  Story of(int task) {
    return task >= 0 && task < byNumber.length ? byNumber[task] : null;
  }

  /** Waits of the tasks told that were past {@code maxWaits}: counted, not kept. */
  long waitsLeftOut() {
    return waitsLeftOut;
  }

  /** One task's story. */
  static final class Story {
    private final int number;
    private final String name;
    private final double startMs;
    // Where its code ran: the thread of its first printed or logged line, else where it started (a blocking
    // task starts on the event loop and prints on a worker), as the HTML timeline groups it.
    private String home;
    private boolean homeFromCode;
    private double endMs = Double.NaN;
    private TaskEnd end = TaskEnd.RUNNING;
    private String endMessage = "";
    private String endThread;
    private final List<Wait> waits = new ArrayList<>(0);
    // The sleep and the waits not over yet, as the events come.
    private Wait sleep;
    private final List<Wait> open = new ArrayList<>(0);

    private Story(int number, String name, double startMs, String thread) {
      this.number = number;
      this.name = name;
      this.startMs = startMs;
      this.home = thread;
    }

    /** Event {@code i}, at {@code tMs}, of type {@code type}: null for a sleep or wait not kept. */
    private void tell(EventLog log, int i, double tMs, EventType type) {
      if (sleep != null) {
        sleep.close(tMs);
        sleep = null;
      }
      if (type == null) {
        return;
      }
      switch (type) {
        case SLEEP -> {
          if (!ended()) {
            sleep = new Wait(true, log.message(i), tMs);
            waits.add(sleep);
          }
        }
        case WAIT -> {
          if (!ended()) {
            Wait wait = new Wait(false, log.message(i), tMs);
            waits.add(wait);
            open.add(wait);
          }
        }
        case WAKE -> {
          String message = log.message(i);
          for (int k = 0; k < open.size(); k++) {
            if (open.get(k).message.equals(message)) {
              open.remove(k).close(tMs);
              break;
            }
          }
        }
        case PRINT, LOG -> {
          if (!homeFromCode) {
            home = log.thread(i);
            homeFromCode = true;
          }
        }
        case FINISH, ERROR, CANCEL -> {
          if (!ended()) {
            endMs = tMs;
            end = TaskEnd.of(type);
            endMessage = log.message(i);
            endThread = log.thread(i);
            closeAll(tMs);
          }
        }
        default -> {
        }
      }
    }

    private void closeAll(double tMs) {
      if (sleep != null) {
        sleep.close(tMs);
        sleep = null;
      }
      for (Wait wait : open) {
        wait.close(tMs);
      }
      open.clear();
    }

    private boolean ended() {
      return end != TaskEnd.RUNNING;
    }

    /** The task's number in the log. */
    int number() {
      return number;
    }

    String name() {
      return name;
    }

    /** Its first event, in ms since the start. */
    double startMs() {
      return startMs;
    }

    /** When it ended, in ms since the start; NaN while it runs. */
    double endMs() {
      return endMs;
    }

    TaskEnd end() {
      return end;
    }

    /** The message of the event that ended it: a failure's reason, who cancelled it; empty while it runs. */
    String endMessage() {
      return endMessage;
    }

    /** Why it failed, or null: it did not. */
    String reason() {
      return end == TaskEnd.FAILED ? endMessage : null;
    }

    /** Who cancelled it, or null: it was not cancelled, or its cancel does not say by whom. */
    String cancelledBy() {
      return end == TaskEnd.CANCELLED && endMessage.startsWith(TaskEnd.CANCELLED_BY) ? TaskEnd.cancelledBy(endMessage) : null;
    }

    /** The thread its code ran on. */
    String home() {
      return home;
    }

    /** The thread it ended on, or null while it runs. */
    String endThread() {
      return endThread;
    }

    /** Its sleeps and waits kept, in the order they started, each ended. */
    List<Wait> waits() {
      return waits;
    }
  }

  /** A sleep or a wait of a task. */
  static final class Wait {
    private final boolean sleep;
    private final String message;
    private final double fromMs;
    private double toMs = Double.NaN;

    private Wait(boolean sleep, String message, double fromMs) {
      this.sleep = sleep;
      this.message = message;
      this.fromMs = fromMs;
    }

    private void close(double tMs) {
      // Never before it began, should two events' clocks disagree: a viewer would drop a slice that ends first.
      toMs = Math.max(tMs, fromMs);
    }

    /** A sleep: a wait on a timer. */
    boolean sleep() {
      return sleep;
    }

    /** Its event's message: a sleep's milliseconds, a wait's {@code <kind> <what>}. */
    String message() {
      return message;
    }

    /** {@link #TIMER} for a sleep; for a wait, what its message names first ({@code http}, {@code file}, ...). */
    String kind() {
      if (sleep) {
        return TIMER;
      }
      int space = message.indexOf(' ');
      return space < 0 ? message : message.substring(0, space);
    }

    /** A sleep's milliseconds; what a wait waits on: its message past the kind. */
    String what() {
      if (sleep) {
        return message;
      }
      int space = message.indexOf(' ');
      return space < 0 ? "" : message.substring(space + 1);
    }

    double fromMs() {
      return fromMs;
    }

    double toMs() {
      return toMs;
    }
  }
}
