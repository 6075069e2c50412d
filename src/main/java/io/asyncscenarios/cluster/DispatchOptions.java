package io.asyncscenarios.cluster;

/**
 * How a {@link TaskDispatcher} waits for replies and how often it tries a task.
 *
 * @param replyGraceMs how much longer than the task itself a reply may take (a busy network or node)
 *                     before the task is taken from its node and sent to another
 * @param maxAttempts how many requests a task may take in all before it fails
 */
public record DispatchOptions(long replyGraceMs, int maxAttempts) {

  public DispatchOptions {
    if (replyGraceMs < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("replyGraceMs and maxAttempts must be at least 1, got " + replyGraceMs + " and " + maxAttempts);
    }
  }
}
