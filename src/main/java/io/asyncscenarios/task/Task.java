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

  /** The outcome; a cancelled task's future fails with a {@link java.util.concurrent.CancellationException}. */
  Future<T> future();

  /** The thread its code started on, or {@code null} while pending. */
  String thread();

  /**
   * Asks the task to stop: its pending sleeps are cleared and fail, and its future fails with a
   * cancellation. Cooperative, as in asyncio: code already running is not interrupted.
   *
   * @return {@code true} if the task was still live
   */
  boolean cancel();
}
