package io.asyncscenarios.record;

import java.util.Locale;

/**
 * How a task ended, read from its last event: {@code finish}, {@code error} (its message the reason) or
 * {@code cancel} (its message says by whom); a task with none of them was still running.
 */
public enum TaskEnd {
  FINISHED, FAILED, CANCELLED, RUNNING;

  /** What a {@code cancel} event's message starts with; the rest names who cancelled the task. */
  public static final String CANCELLED_BY = "cancelled by ";
  /** Who cancelled what a scenario left running when it ended. */
  public static final String BY_RUNNER = "the runner";
  /** Who cancelled the tasks of an interrupted run. */
  public static final String BY_SIGNAL = "a signal";

  /** The end an event of this type makes, or {@link #RUNNING} for an event that ends no task. */
  public static TaskEnd of(EventType type) {
    return switch (type) {
      case FINISH -> FINISHED;
      case ERROR -> FAILED;
      case CANCEL -> CANCELLED;
      default -> RUNNING;
    };
  }

  /** Who cancelled a task, from its {@code cancel} event's message: a task's name, the runner or a signal. */
  public static String cancelledBy(String message) {
    return message.startsWith(CANCELLED_BY) ? message.substring(CANCELLED_BY.length()) : "";
  }

  /** The name in reports: lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
