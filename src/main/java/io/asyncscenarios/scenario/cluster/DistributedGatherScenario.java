package io.asyncscenarios.scenario.cluster;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Timeline;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.cluster.ClusterNodes;
import io.asyncscenarios.cluster.DispatchOptions;
import io.asyncscenarios.cluster.TaskDispatcher;
import io.asyncscenarios.cluster.TaskNodes;
import io.asyncscenarios.cluster.TaskSpec;
import io.asyncscenarios.cluster.TaskWorker;
import io.asyncscenarios.cluster.WorkerNodes;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A gather whose tasks run on other nodes of a cluster: it finds the worker nodes, hands each task to one
 * of them over the clustered event bus, and gathers the replies with {@link Future#join}, which waits for
 * every task as {@code asyncio.gather} does.
 *
 * <p>The {@link TaskDispatcher} that hands the tasks out knows which node holds which task: a task whose
 * node leaves the cluster, or does not answer in time, is sent to another, and only its first reply
 * counts. Not clustered, the scenario deploys a worker of its own and runs everything locally.
 */
public class DistributedGatherScenario extends Scenario {

  private TaskDispatcher dispatcher;

  @Override
  protected Future<?> run() {
    ClusterNodes nodes = settings().nodes();
    int count = config().getInteger("count");
    return workers(nodes).compose(found -> {
      print("Gathering %d %s tasks over %s", count, config().getString("kind"),
        nodes.clustered() ? found.size() + " worker node(s)" : "a local worker (not clustered)");
      dispatcher = TaskDispatcher.start(vertx, nodes, found, dispatchOptions(), this::print);
      List<Future<JsonObject>> replies = new ArrayList<>();
      for (TaskSpec task : taskSpecs(count)) {
        replies.add(tasks.start(task.id(), () -> dispatcher.send(task)).future());
      }
      return Future.join(replies)
        // Whatever the outcome, wait until no earlier attempt can still answer: only then is the count of
        // duplicates final, and nothing about the run is printed after its claims.
        .eventually(dispatcher::settled)
        .eventually(dispatcher::close)
        .map(gathered -> summary(nodes, count, found.size(), gathered.list()));
    });
  }

  /** Who runs the tasks: a worker of this node's own when not clustered, else the worker nodes that answer. */
  private Future<List<String>> workers(ClusterNodes nodes) {
    WorkerNodes workers = new WorkerNodes(vertx, nodes);
    if (!nodes.clustered()) {
      return vertx.deployVerticle(new TaskWorker(nodes)).compose(id -> workers.answering());
    }
    return workers.atLeastOne(config().getLong("workerWaitSeconds"), tasks);
  }

  private DispatchOptions dispatchOptions() {
    return new DispatchOptions(config().getLong("replyGraceMs"), config().getInteger("maxAttempts"));
  }

  /** {@code count} tasks of the configured kind, their durations taken in turn from {@code durations}. */
  private List<TaskSpec> taskSpecs(int count) {
    List<Double> durations = secondsList("durations");
    String kind = config().getString("kind");
    return IntStream.range(0, count)
      .mapToObj(i -> new TaskSpec("task-" + (i + 1), kind, millis(durations.get(i % durations.size()))))
      .toList();
  }

  @Override
  public Future<?> stop() {
    // Interrupted or undeployed: a reply that still comes is no longer part of this run, and prints nothing.
    return dispatcher == null ? Future.succeededFuture() : dispatcher.close();
  }

  /** Prints how many tasks each node ran; the result keeps the replies, in task order, and the dispatcher's account. */
  private JsonObject summary(ClusterNodes nodes, int count, int workerNodes, List<JsonObject> results) {
    Map<String, String> ranOn = new LinkedHashMap<>();
    results.forEach(reply -> ranOn.put(reply.getString("id"), reply.getString("node")));
    Map<String, Integer> perNode = new TreeMap<>();
    ranOn.values().forEach(node -> perNode.merge(node, 1, Integer::sum));
    perNode.forEach((node, n) -> print("node %s ran %d task(s)", node, n));
    JsonArray resent = dispatcher.resent();
    print("%d of %d results gathered; %d re-sent, %d duplicate(s) dropped", results.size(), count, resent.size(),
      dispatcher.duplicates());
    JsonObject result = new JsonObject().put("mode", nodes.clustered() ? "cluster" : ClusterNodes.LOCAL).put("count", count)
      .put("workerNodes", workerNodes).put("results", new JsonArray(new ArrayList<>(results)))
      .put("perNode", new JsonObject(new LinkedHashMap<>(perNode))).put("resent", resent)
      .put("lostNodes", new JsonArray(new ArrayList<>(dispatcher.lostNodes()))).put("requests", dispatcher.requests())
      .put("outstanding", dispatcher.outstanding()).put("duplicates", dispatcher.duplicates());
    // For the report's timeline, whose lanes show which node ran each task.
    return TaskNodes.put(result, ranOn);
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
