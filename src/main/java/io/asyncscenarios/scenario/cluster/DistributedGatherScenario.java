package io.asyncscenarios.scenario.cluster;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.cluster.ClusterNodes;
import io.asyncscenarios.cluster.TaskWorker;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.record.Timeline;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A gather whose tasks run on other nodes: each task is a request over the clustered event bus to the
 * workers' address, which Vert.x spreads round robin, and {@link Future#join} gathers the replies.
 *
 * <p>Tasks carry ids, so a task whose reply does not come back in time, or that was in flight when a
 * node left the cluster, is sent again; the first reply for an id wins and any later one is dropped.
 * Not clustered, the scenario deploys a worker of its own and runs everything locally.
 */
public class DistributedGatherScenario extends Scenario {

  static final long PING_TIMEOUT_MS = 1000;
  static final long PING_RETRY_MS = 500;
  static final long MEMBERSHIP_CHECK_MS = 500;

  private final Map<String, JsonObject> results = new TreeMap<>();
  private final Map<String, Promise<JsonObject>> pending = new LinkedHashMap<>();
  private final Map<String, JsonObject> specs = new LinkedHashMap<>();
  private final JsonArray resent = new JsonArray();
  private int duplicates;

  @Override
  protected Future<?> run() {
    int count = config().getInteger("count");
    List<Double> durations = secondsList("durations");
    return workers().compose(mode -> {
      int workerNodes = mode.equals(ClusterNodes.LOCAL) ? 1 : ClusterNodes.all(vertx).size() - 1;
      print("Gathering %d %s tasks over %s", count, config().getString("kind"),
        mode.equals(ClusterNodes.LOCAL) ? "a local worker (not clustered)" : workerNodes + " worker node(s)");
      List<Future<JsonObject>> all = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        JsonObject spec = new JsonObject().put("id", "task-" + (i + 1)).put("kind", config().getString("kind"))
          .put("ms", millis(durations.get(i % durations.size())));
        all.add(tasks.start(spec.getString("id"), () -> dispatch(spec)).future());
      }
      long watch = vertx.setPeriodic(MEMBERSHIP_CHECK_MS, new MembershipWatch()::check);
      return Future.join(all)
        .eventually(() -> {
          vertx.cancelTimer(watch);
          return Future.succeededFuture();
        })
        .map(done -> summary(mode, count, workerNodes));
    });
  }

  /** Makes sure someone will run the tasks: a local worker, or at least one worker node in the cluster. */
  private Future<String> workers() {
    if (!vertx.isClustered()) {
      return vertx.deployVerticle(new TaskWorker()).map(ClusterNodes.LOCAL);
    }
    long deadline = System.nanoTime() + config().getLong("workerWaitSeconds") * 1_000_000_000L;
    return ping(deadline);
  }

  private Future<String> ping(long deadline) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(PING_TIMEOUT_MS);
    return vertx.eventBus().<JsonObject>request(TaskWorker.ADDRESS, new JsonObject().put("ping", true), options)
      .map(reply -> "cluster")
      .recover(none -> {
        if (System.nanoTime() > deadline) {
          return Future.failedFuture("no worker joined the cluster within " + config().getLong("workerWaitSeconds")
            + " s; start one with: ./run.sh --cluster -conf '{\"role\":\"worker\"}'");
        }
        return tasks.sleep(PING_RETRY_MS).compose(v -> ping(deadline));
      });
  }

  private Future<JsonObject> dispatch(JsonObject spec) {
    String id = spec.getString("id");
    Promise<JsonObject> first = Promise.promise();
    pending.put(id, first);
    specs.put(id, spec);
    send(spec.copy().put("attempt", 1));
    return first.future();
  }

  private void send(JsonObject spec) {
    String id = spec.getString("id");
    int attempt = spec.getInteger("attempt");
    // Long enough for the task itself plus the time a busy network or node may add.
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(spec.getLong("ms") + config().getLong("replyGraceMs"));
    vertx.eventBus().<JsonObject>request(TaskWorker.ADDRESS, spec, options)
      .onSuccess(reply -> accept(reply.body()))
      .onFailure(failure -> {
        if (pending.containsKey(id) && attempt == attemptsOf(id)) {
          resend(id, why(failure));
        }
      });
  }

  private void accept(JsonObject reply) {
    String id = reply.getString("id");
    Promise<JsonObject> first = pending.remove(id);
    if (first == null) {
      duplicates++;
      print("%s: dropped a late duplicate reply from node %s", id, reply.getString("node"));
      return;
    }
    results.put(id, reply.put("attempts", attemptsOf(id)));
    first.complete(reply);
  }

  private void resend(String id, String reason) {
    int attempt = attemptsOf(id) + 1;
    if (attempt > config().getInteger("maxAttempts")) {
      pending.remove(id).fail(id + " failed " + (attempt - 1) + " times; last: " + reason);
      return;
    }
    resent.add(new JsonObject().put("id", id).put("attempt", attempt).put("reason", reason));
    print("%s: re-sent (attempt %d): %s", id, attempt, reason);
    specs.get(id).put("attempt", attempt);
    send(specs.get(id).copy());
  }

  private int attemptsOf(String id) {
    return specs.get(id).getInteger("attempt", 1);
  }

  private static String why(Throwable failure) {
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT) {
      return "no reply in time (a lost or stalled node?)";
    }
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return "no worker to take it";
    }
    if (failure instanceof ReplyException reply && reply.failureCode() == TaskWorker.HANDED_BACK) {
      return reply.getMessage();
    }
    return "failed: " + failure.getMessage();
  }

  /** Notices nodes leaving the cluster and re-sends what was in flight, without waiting for timeouts. */
  private final class MembershipWatch {

    private Set<String> known = new HashSet<>(ClusterNodes.all(vertx));

    void check(long timerId) {
      Set<String> now = new HashSet<>(ClusterNodes.all(vertx));
      Set<String> gone = new HashSet<>(known);
      gone.removeAll(now);
      known = now;
      if (!gone.isEmpty()) {
        // Which node had which task is known only from replies: re-send all in flight, keep the first reply.
        for (String id : new ArrayList<>(pending.keySet())) {
          resend(id, "node " + String.join(", ", gone) + " left the cluster");
        }
      }
    }
  }

  private JsonObject summary(String mode, int count, int workerNodes) {
    Map<String, Integer> perNode = new TreeMap<>();
    results.values().forEach(r -> perNode.merge(r.getString("node"), 1, Integer::sum));
    perNode.forEach((node, n) -> print("node %s ran %d task(s)", node, n));
    print("%d of %d results gathered; %d re-sent, %d late duplicate(s) dropped", results.size(), count, resent.size(), duplicates);
    return new JsonObject().put("mode", mode).put("count", count).put("workerNodes", workerNodes)
      .put("results", new JsonArray(new ArrayList<>(results.values()))).put("perNode", new JsonObject(new LinkedHashMap<>(perNode)))
      .put("resent", resent).put("duplicates", duplicates);
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
      Claim.of("every re-sent task says why", t -> {
        JsonArray resent = t.result().getJsonArray("resent");
        long explained = resent.stream().filter(r -> !((JsonObject) r).getString("reason", "").isEmpty()).count();
        return Verdict.of(explained == resent.size(), "a reason for each", resent.size() + " re-sent, " + explained + " with a reason");
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
