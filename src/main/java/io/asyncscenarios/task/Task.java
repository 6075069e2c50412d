package io.asyncscenarios.task;

import io.vertx.core.Future;

/**
 * A named unit of asynchronous work inside a scenario: Vert.x's answer to an asyncio {@code Task}.
 *
 * @param <T> the type of its result
 */
public interface Task<T> {

  String name();

  TaskState state();

  default boolean isCancelled() {
    return state() == TaskState.CANCELLED;
  }

  /** The outcome; a cancelled task's future fails with a {@link java.util.concurrent.CancellationException}. */
  Future<T> future();

  /** The thread its code started on, or {@code null} while pending. */
  String thread();

  /**
   * Asks the task to stop: its pending sleeps are cleared and fail, what it waits on through
   * {@link Tasks#onCancel} is told to stop, and its future fails with a cancellation at once. Cooperative,
   * as in asyncio: code already running is not interrupted, and may go on cleaning up after this returns
   * ({@link Tasks#idle()} says when it has ended). Its {@code cancel} event says who cancelled it: the
   * current task, or, called outside any task, the runner.
   *
   * @return {@code true} if the task was still live
   */
  boolean cancel();
}
