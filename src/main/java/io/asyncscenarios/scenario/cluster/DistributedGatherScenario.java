package io.asyncscenarios.scenario.cluster;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Timeline;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.cluster.ClusterNodes;
import io.asyncscenarios.cluster.TaskLedger;
import io.asyncscenarios.cluster.TaskWorker;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A gather whose tasks run on other nodes: each task is a request over the clustered event bus to one
 * worker node's own address, chosen round robin, and {@link Future#join} gathers the replies.
 *
 * <p>The coordinator picks each task's node itself, rather than letting the event bus pick among the
 * workers' shared address, so that it always knows which node holds which task: when a node leaves the
 * cluster, or a reply does not come in time, only the tasks that node held are sent again, each with
 * its reason. The first reply for a task wins and any later one is dropped and counted; the count is
 * taken once every request sent has been answered or has timed out, so no reply can come after it.
 * Not clustered, the scenario deploys a worker of its own and runs everything locally.
 */
public class DistributedGatherScenario extends Scenario {

  // Long enough for a member that has just joined, while the cluster still moves its partitions.
  static final long PING_TIMEOUT_MS = 3000;
  static final long PING_RETRY_MS = 500;

  private final TaskLedger ledger = new TaskLedger();
  private final Map<String, JsonObject> results = new TreeMap<>();
  private final Map<String, Promise<JsonObject>> firsts = new HashMap<>();
  private final Map<String, JsonObject> specs = new HashMap<>();
  private final JsonArray resent = new JsonArray();
  private final Set<String> lost = new LinkedHashSet<>();
  private List<String> workers = List.of();
  private int next;
  private Promise<Void> quiet;
  private Runnable stopWatch = () -> { };
  private boolean closed;

  @Override
  protected Future<?> run() {
    int count = config().getInteger("count");
    List<Double> durations = secondsList("durations");
    String mode = vertx.isClustered() ? "cluster" : ClusterNodes.LOCAL;
    return workers().compose(found -> {
      workers = found;
      print("Gathering %d %s tasks over %s", count, config().getString("kind"),
        mode.equals(ClusterNodes.LOCAL) ? "a local worker (not clustered)" : found.size() + " worker node(s)");
      stopWatch = ClusterNodes.watchDepartures(vertx, this::nodeLeft);
      List<Future<JsonObject>> all = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        JsonObject spec = new JsonObject().put("id", "task-" + (i + 1)).put("kind", config().getString("kind"))
          .put("ms", millis(durations.get(i % durations.size())));
        all.add(tasks.start(spec.getString("id"), () -> dispatch(spec)).future());
      }
      // Whatever the outcome, wait until no earlier attempt can still answer: only then is the count final.
      return Future.join(all)
        .transform(gathered -> settled().compose(v -> gathered.succeeded() ? Future.succeededFuture() : Future.failedFuture(gathered.cause())))
        .eventually(() -> {
          stopWatch.run();
          return Future.succeededFuture();
        })
        .map(done -> summary(mode, count, found.size()));
    });
  }

  /** Makes sure someone will run the tasks: a local worker, or at least one worker node in the cluster. */
  private Future<List<String>> workers() {
    if (!vertx.isClustered()) {
      return vertx.deployVerticle(new TaskWorker()).compose(id -> discover());
    }
    return awaitWorkers(System.nanoTime() + config().getLong("workerWaitSeconds") * 1_000_000_000L);
  }

  private Future<List<String>> awaitWorkers(long deadline) {
    return discover().compose(found -> {
      if (!found.isEmpty()) {
        return Future.succeededFuture(found);
      }
      if (System.nanoTime() > deadline) {
        return Future.failedFuture("no worker joined the cluster within " + config().getLong("workerWaitSeconds")
          + " s; start one with: ./run.sh --cluster -conf '{\"role\":\"worker\"}'");
      }
      return tasks.sleep(PING_RETRY_MS).compose(v -> awaitWorkers(deadline));
    });
  }

  /** The members whose worker answers at its own node's address now, in a stable order. */
  private Future<List<String>> discover() {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(PING_TIMEOUT_MS);
    List<Future<String>> pings = new ArrayList<>();
    for (String node : ClusterNodes.all(vertx)) {
      pings.add(vertx.eventBus().request(TaskWorker.addressOf(node), new JsonObject().put("ping", true), options)
        .map(reply -> node)
        .otherwiseEmpty());
    }
    return Future.all(pings).map(all -> all.<String>list().stream().filter(Objects::nonNull).sorted().toList());
  }

  private Future<JsonObject> dispatch(JsonObject spec) {
    String id = spec.getString("id");
    Promise<JsonObject> first = Promise.promise();
    firsts.put(id, first);
    specs.put(id, spec);
    send(id, null);
    return first.future();
  }

  /** Sends {@code id} to the next worker, another than {@code avoid} when there is another. */
  private void send(String id, String avoid) {
    String node = nextWorker(avoid);
    if (node == null) {
      rediscoverThenSend(id);
      return;
    }
    JsonObject spec = specs.get(id);
    int attempt = ledger.sent(id, node);
    // Long enough for the task itself plus the time a busy network or node may add.
    long timeoutMs = spec.getLong("ms") + config().getLong("replyGraceMs");
    vertx.eventBus().<JsonObject>request(TaskWorker.addressOf(node), spec.copy().put("attempt", attempt),
        new DeliveryOptions().setSendTimeout(timeoutMs))
      .onComplete(done -> settle(id, attempt, node, timeoutMs, done));
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
    discover().onSuccess(found -> {
      if (closed || !firsts.containsKey(id)) {
        return;
      }
      workers = found;
      found.forEach(lost::remove);
      if (found.isEmpty()) {
        ledger.giveUp(id);
        firsts.remove(id).fail(id + ": no worker node left in the cluster to take it");
      } else {
        send(id, null);
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
      if (stoppedServing(done.cause())) {
        // Its other tasks come back the same way; no new one should go there meanwhile.
        lost.add(node);
      }
      if (ledger.failed(id, attempt)) {
        resend(id, node, why(done.cause(), node, timeoutMs));
      }
    }
    if (quiet != null && ledger.outstanding() == 0) {
      quiet.tryComplete();
    }
  }

  private void accept(String id, String node, JsonObject reply) {
    if (ledger.replied(id) == TaskLedger.Reply.DUPLICATE) {
      print("%s: dropped a duplicate reply from node %s (attempt %d; the task had already ended)", id, node,
        reply.getInteger("attempt"));
      return;
    }
    results.put(id, reply.put("attempts", ledger.attempts(id)));
    firsts.remove(id).complete(reply);
  }

  private void resend(String id, String node, String reason) {
    int attempt = ledger.attempts(id) + 1;
    if (attempt > config().getInteger("maxAttempts")) {
      ledger.giveUp(id);
      firsts.remove(id).fail(id + " failed " + (attempt - 1) + " times; last: " + reason);
      return;
    }
    resent.add(new JsonObject().put("id", id).put("attempt", attempt).put("node", node).put("reason", reason));
    print("%s: re-sent (attempt %d): %s", id, attempt, reason);
    send(id, node);
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

  private static boolean stoppedServing(Throwable failure) {
    return failure instanceof ReplyException reply
      && (reply.failureType() == ReplyFailure.NO_HANDLERS || reply.failureCode() == TaskWorker.HANDED_BACK);
  }

  private static String why(Throwable failure, String node, long timeoutMs) {
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
      return "no reply within " + timeoutMs + " ms from node " + node;
    }
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return "node " + node + " no longer takes tasks";
    }
    if (failure instanceof ReplyException reply && reply.failureCode() == TaskWorker.HANDED_BACK) {
      return reply.getMessage();
    }
    return "failed on node " + node + ": " + failure.getMessage();
  }

  /** Completes once every request sent has been answered or has timed out. */
  private Future<Void> settled() {
    if (ledger.outstanding() == 0) {
      return Future.succeededFuture();
    }
    print("waiting for %d earlier attempt(s) to answer or time out, so that the count of duplicates is final",
      ledger.outstanding());
    quiet = Promise.promise();
    return quiet.future();
  }

  @Override
  public Future<?> stop() {
    // Interrupted or undeployed: a reply that still comes is no longer part of this run, and prints nothing.
    closed = true;
    stopWatch.run();
    return Future.succeededFuture();
  }

  private JsonObject summary(String mode, int count, int workerNodes) {
    Map<String, Integer> perNode = new TreeMap<>();
    results.values().forEach(r -> perNode.merge(r.getString("node"), 1, Integer::sum));
    perNode.forEach((node, n) -> print("node %s ran %d task(s)", node, n));
    print("%d of %d results gathered; %d re-sent, %d duplicate(s) dropped", results.size(), count, resent.size(),
      ledger.duplicates());
    return new JsonObject().put("mode", mode).put("count", count).put("workerNodes", workerNodes)
      .put("results", new JsonArray(new ArrayList<>(results.values()))).put("perNode", new JsonObject(new LinkedHashMap<>(perNode)))
      .put("resent", resent).put("lostNodes", new JsonArray(new ArrayList<>(lost))).put("requests", ledger.requests())
      .put("outstanding", ledger.outstanding()).put("duplicates", ledger.duplicates());
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("every task's result arrived exactly once", t -> {
        JsonArray results = t.result().getJsonArray("results");
        Set<Object> ids = new HashSet<>();
        results.forEach(r -> ids.add(((JsonObject) r).getString("id")));
        int count = t.result().getInteger("count");
        return Verdict.of(results.size() == count && ids.size() == count, count + " results, one per task",
          results.size() + " results for " + ids.size() + " tasks, " + t.result().getInteger("duplicates") + " duplicate(s) dropped");
      }),
      Claim.of("with two or more worker nodes, the tasks ran on more than one", t -> {
        int workers = t.result().getInteger("workerNodes");
        int used = t.result().getJsonObject("perNode").size();
        boolean nodeLost = !t.result().getJsonArray("resent").isEmpty();
        String actual = used + " node(s) used of " + workers + " (" + t.result().getString("mode") + ")";
        if (workers < 2 || nodeLost) {
          return Verdict.of(true, workers < 2 ? "n/a with " + workers + " worker node" : "n/a: tasks were re-sent", actual);
        }
        return Verdict.of(used > 1, "more than one", actual);
      }),
      Claim.of("sleep tasks: total ≈ the longest task, not the sum (when nothing was re-sent)", t -> {
        if (!"sleep".equals(t.params().getString("kind")) || !t.result().getJsonArray("resent").isEmpty()) {
          return Verdict.of(true, "n/a", t.result().getJsonArray("resent").size() + " re-sent");
        }
        double longest = t.secondsList("durations").stream().limit(t.result().getInteger("count")).mapToDouble(d -> d).max().orElse(0);
        return t.about(longest, lastEnd(t) - firstStart(t));
      }),
      Claim.of("every re-sent task says why, naming the node it was taken from", t -> {
        JsonArray resent = t.result().getJsonArray("resent");
        long explained = resent.stream().map(JsonObject.class::cast)
          .filter(r -> r.getString("node") != null && r.getString("reason", "").contains(r.getString("node"))).count();
        return Verdict.of(explained == resent.size(), "a reason naming the node for each", resent.size() + " re-sent, " + explained + " so explained");
      }),
      Claim.of("the count of duplicates is final: no request was still waiting for its reply", t -> {
        int outstanding = t.result().getInteger("outstanding");
        return Verdict.of(outstanding == 0, "0 requests outstanding", t.result().getInteger("requests") + " requests, "
          + outstanding + " outstanding, " + t.result().getInteger("duplicates") + " duplicate(s) dropped");
      }));
  }

  private static double firstStart(Timeline t) {
    return t.events().stream().filter(e -> e.type() == EventType.START && e.task() != null
      && e.task().startsWith("task-")).mapToDouble(Event::tMs).min().orElse(0);
  }

  private static double lastEnd(Timeline t) {
    return t.events().stream().filter(e -> e.type() == EventType.FINISH && e.task() != null
      && e.task().startsWith("task-")).mapToDouble(Event::tMs).max().orElse(0);
  }
}
