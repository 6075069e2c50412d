package io.asyncscenarios.cluster;

import io.asyncscenarios.task.Tasks;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sends tasks to the worker nodes of a cluster and completes each with its first reply, exactly once,
 * sending again what a lost node held.
 *
 * <p>Each task is a request over the clustered event bus to one worker node's own address, chosen round
 * robin, rather than to the workers' shared address where the event bus would choose: so the dispatcher
 * always knows which node holds which task ({@link TaskLedger}). When a node leaves the cluster, or a
 * reply does not come in time, only the tasks that node held are sent again, each with its reason, up to
 * {@link DispatchOptions#maxAttempts()} requests a task. The first reply for a task wins; any later one
 * is dropped and counted, and {@link #settled()} says when that count is final.
 *
 * <p>Not thread-safe: start it, send through it and close it on one context, the coordinator's.
 */
public final class TaskDispatcher {

  private final Vertx vertx;
  private final WorkerNodes finder;
  private final DispatchOptions options;
  private final Consumer<String> print;
  private final TaskLedger ledger = new TaskLedger();
  private final Map<String, TaskSpec> tasks = new HashMap<>();
  // The tasks still waiting for their result, each with the promise its first reply completes.
  private final Map<String, Promise<JsonObject>> firsts = new HashMap<>();
  private final JsonArray resent = new JsonArray();
  private final Set<String> lost = new LinkedHashSet<>();
  private final Runnable stopWatching;
  private List<String> workers;
  private int next;
  private Promise<Void> quiet;
  private boolean closed;

  private TaskDispatcher(Vertx vertx, ClusterNodes nodes, List<String> workers, DispatchOptions options, Consumer<String> print) {
    this.vertx = vertx;
    this.finder = new WorkerNodes(vertx, nodes);
    this.workers = workers;
    this.options = options;
    this.print = print;
    this.stopWatching = nodes.watchDepartures(vertx, this::nodeLeft);
  }

  /**
   * A dispatcher over {@code workers} (as {@link WorkerNodes} found them), watching the cluster for
   * departures from now on, on the caller's context, until {@link #close()}.
   *
   * @param print where it says what it does besides replying: a task re-sent and why, a duplicate dropped,
   *            the wait for the last replies; the caller prints it as its own
   */
  public static TaskDispatcher start(Vertx vertx, ClusterNodes nodes, List<String> workers, DispatchOptions options,
                                     Consumer<String> print) {
    return new TaskDispatcher(vertx, nodes, workers, options, print);
  }

  /**
   * Sends {@code task} to the next worker. Completes with its first reply (the worker's {@code id},
   * {@code attempt}, {@code node} and {@code ms}, plus {@code attempts}: the requests it took), or fails
   * once it has failed {@link DispatchOptions#maxAttempts()} times or no worker is left.
   */
  public Future<JsonObject> send(TaskSpec task) {
    Promise<JsonObject> first = Promise.promise();
    firsts.put(task.id(), first);
    tasks.put(task.id(), task);
    String node = attempt(task.id(), null);
    // The current task, if any, waits on the reply the whole time the worker runs it: recorded, the report
    // shows it waiting on that node, not running. A task re-sent goes on waiting under the first node's name.
    return Tasks.waitOn("event-bus", node == null ? "a worker node" : "node " + node, first.future());
  }

  /**
   * Sends {@code id} to the next worker, another than {@code avoid} when there is another; returns that
   * node, or {@code null} when it must first look for one.
   */
  private String attempt(String id, String avoid) {
    String node = nextWorker(avoid);
    if (node == null) {
      rediscoverThenSend(id);
      return null;
    }
    TaskSpec task = tasks.get(id);
    int attempt = ledger.sent(id, node);
    // Long enough for the task itself plus the time a busy network or node may add.
    long timeoutMs = task.ms() + options.replyGraceMs();
    vertx.eventBus().<JsonObject>request(TaskWorker.addressOf(node), task.toJson(attempt),
        new DeliveryOptions().setSendTimeout(timeoutMs))
      .onComplete(done -> settle(id, attempt, node, timeoutMs, done));
    return node;
  }

  private String nextWorker(String avoid) {
    List<String> live = workers.stream().filter(node -> !lost.contains(node)).toList();
    for (int tries = 0; tries < live.size(); tries++) {
      String node = live.get(next++ % live.size());
      if (!node.equals(avoid) || live.size() == 1) {
        return node;
      }
    }
    return null;
  }

  /** Every known worker is lost: one that has come back, or a new one, may take the task. */
  private void rediscoverThenSend(String id) {
    finder.answering().onSuccess(found -> {
      if (closed || !firsts.containsKey(id)) {
        return;
      }
      workers = found;
      found.forEach(lost::remove);
      if (found.isEmpty()) {
        ledger.giveUp(id);
        firsts.remove(id).fail(id + ": no worker node left in the cluster to take it");
      } else {
        attempt(id, null);
      }
    });
  }

  private void settle(String id, int attempt, String node, long timeoutMs, AsyncResult<Message<JsonObject>> done) {
    if (closed) {
      return;
    }
    if (done.succeeded()) {
      accept(id, node, done.result().body());
    } else {
      FailedRequest failed = new FailedRequest(done.cause(), node, timeoutMs);
      if (failed.nodeStoppedServing()) {
        // Its other tasks come back the same way; no new one should go there meanwhile.
        lost.add(node);
      }
      if (ledger.failed(id, attempt)) {
        resend(id, node, failed.reason());
      }
    }
    if (quiet != null && ledger.outstanding() == 0) {
      quiet.tryComplete();
    }
  }

  private void accept(String id, String node, JsonObject reply) {
    if (ledger.replied(id) == TaskLedger.Reply.DUPLICATE) {
      print.accept(String.format("%s: dropped a duplicate reply from node %s (attempt %d; the task had already ended)", id, node,
        reply.getInteger("attempt")));
      return;
    }
    firsts.remove(id).complete(reply.put("attempts", ledger.attempts(id)));
  }

  private void resend(String id, String node, String reason) {
    int attempt = ledger.attempts(id) + 1;
    if (attempt > options.maxAttempts()) {
      ledger.giveUp(id);
      firsts.remove(id).fail(id + " failed " + (attempt - 1) + " times; last: " + reason);
      return;
    }
    resent.add(new JsonObject().put("id", id).put("attempt", attempt).put("node", node).put("reason", reason));
    print.accept(String.format("%s: re-sent (attempt %d): %s", id, attempt, reason));
    attempt(id, node);
  }

  /** A node left the cluster: what it held will not come back from it, so only that is sent again. */
  private void nodeLeft(String node) {
    if (closed) {
      return;
    }
    lost.add(node);
    for (String id : ledger.heldBy(node)) {
      resend(id, node, "node " + node + " left the cluster");
    }
  }

  /**
   * Completes once every request sent has been answered or has timed out: from then on no reply can
   * come, and the count of duplicates is final. Call it once every task has its outcome.
   */
  public Future<Void> settled() {
    if (ledger.outstanding() == 0) {
      return Future.succeededFuture();
    }
    print.accept(String.format("waiting for %d earlier attempt(s) to answer or time out, so that the count of duplicates is final",
      ledger.outstanding()));
    quiet = Promise.promise();
    return quiet.future();
  }

  /**
   * Stops watching the cluster and ignores any reply that still comes: the run it belonged to is over
   * (ended, interrupted or undeployed), and says nothing more. Any number of times.
   */
  public Future<Void> close() {
    closed = true;
    stopWatching.run();
    return Future.succeededFuture();
  }

  /** Each task sent again: its {@code id}, the {@code attempt} it became, the {@code node} it was taken from and the {@code reason}. */
  public JsonArray resent() {
    return resent.copy();
  }

  /** The worker nodes found to have left, or to take no more tasks, in the order they were lost. */
  public List<String> lostNodes() {
    return List.copyOf(lost);
  }

  /** Requests sent, re-sent ones included. */
  public int requests() {
    return ledger.requests();
  }

  /** Requests whose reply or failure has not come yet. */
  public int outstanding() {
    return ledger.outstanding();
  }

  /** Replies dropped because their task already had its result (or had been given up). */
  public int duplicates() {
    return ledger.duplicates();
  }
}
