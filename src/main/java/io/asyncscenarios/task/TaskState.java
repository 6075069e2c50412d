package io.asyncscenarios.task;

/**
 * Where a task is in its life.
 */
public enum TaskState {
  /** Started but its code has not run yet: it runs on a later turn of the event loop, as asyncio's tasks do. */
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean isDone() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
