package io.asyncscenarios.record;

import java.util.Locale;

/**
 * The kinds of things that happen to a task.
 */
public enum EventType {
  START, FINISH, ERROR, CANCEL, PRINT, LOG, WARN,
  /**
   * The task began to wait on a timer, as {@code asyncio.sleep} does; the message is the duration in
   * milliseconds ({@code "2000"}). The sleep ends at the task's next event.
   */
  SLEEP,
  /**
   * The task began to wait on something other than a timer or a task; the message is {@code <kind> <what>},
   * kind one of {@code http} (what: the URL), {@code file} (the operation and the file's name),
   * {@code worker} (what runs there) or {@code future}. It ends at the {@link #WAKE} with the same message,
   * or, when there is none, at the task's end (a cancelled task stops waiting).
   */
  WAIT,
  /** A {@link #WAIT} ended: the message is the wait's own. */
  WAKE;

  /** The name in reports: lower case, as the JSON schema has it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
