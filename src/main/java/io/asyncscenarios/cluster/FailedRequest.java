package io.asyncscenarios.cluster;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * A request for a task that failed, read for what it says about the node it went to and why the task
 * goes elsewhere.
 *
 * @param cause the request's failure
 * @param node the node it was sent to
 * @param timeoutMs how long its reply was waited for
 */
record FailedRequest(Throwable cause, String node, long timeoutMs) {

  /** Whether the node takes no more tasks: it has stopped, or hands its tasks back as it stops. */
  boolean nodeStoppedServing() {
    return cause instanceof ReplyException reply
      && (reply.failureType() == ReplyFailure.NO_HANDLERS || reply.failureCode() == TaskWorker.HANDED_BACK);
  }

  /** Why the task is sent again, naming the node it is taken from. */
  String reason() {
    if (cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
      return "no reply within " + timeoutMs + " ms from node " + node;
    }
    if (cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return "node " + node + " no longer takes tasks";
    }
    if (cause instanceof ReplyException reply && reply.failureCode() == TaskWorker.HANDED_BACK) {
      // The worker's own words, which name it: "handed back: worker <id> is stopping".
      return reply.getMessage();
    }
    return "failed on node " + node + ": " + cause.getMessage();
  }
}
