package io.asyncscenarios.record;

import java.util.Locale;

/**
 * The kinds of things that happen to a task.
 */
public enum EventType {
  START, FINISH, ERROR, CANCEL, PRINT, LOG, WARN,
  /** The task began to wait on a timer, as {@code asyncio.sleep} does. */
  SLEEP;

  /** The name in reports: lower case, as the JSON schema has it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
