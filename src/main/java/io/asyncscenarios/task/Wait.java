package io.asyncscenarios.task;

/**
 * Something a task is waiting on that must hear of the task's cancellation, since nothing else would
 * stop it: a sleep's timer, a request on the wire, a blocking job.
 */
interface Wait {

  /** The task named {@code task} was cancelled: stop waiting, and end what was waited on if it can be. */
  void cancel(String task);
}
