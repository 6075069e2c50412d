package io.asyncscenarios.scenario.bench;

import io.asyncscenarios.bench.Memory;
import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.cluster.LocalCluster;
import io.asyncscenarios.cluster.TaskWorker;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.asyncscenarios.scenario.bench.BenchHttpScenario.percentile;

/**
 * Request/reply tasks between two clustered nodes on loopback, as many in flight as {@code concurrency}:
 * tasks per second and latency. It starts its own two-node cluster in this process.
 */
public class BenchClusterScenario extends Scenario {

  @Override
  protected Future<?> run() {
    String cluster = "async-scenarios-bench-" + UUID.randomUUID();
    Future<Vertx> workerNode = LocalCluster.member(vertx, cluster);
    Future<Vertx> senderNode = workerNode.compose(w -> LocalCluster.member(vertx, cluster));
    print("Starting a two-node cluster on loopback...");
    return senderNode
      .compose(sender -> workerNode.result().deployVerticle(new TaskWorker()).map(sender))
      // A tenth first, not counted, so that JIT compilation is not what is measured.
      .compose(sender -> measure(sender, Math.max(1, config().getInteger("tasks") / 10), false).map(sender))
      .compose(sender -> measure(sender, config().getInteger("tasks"), true))
      .eventually(() -> Future.join(close(workerNode), close(senderNode)));
  }

  private static Future<?> close(Future<Vertx> node) {
    return node.succeeded() ? node.result().close() : Future.succeededFuture();
  }

  private Future<JsonObject> measure(Vertx sender, int total, boolean report) {
    int concurrency = Math.min(total, config().getInteger("concurrency"));
    long[] latencies = new long[total];
    int[] counters = new int[3];
    long[] errors = new long[1];
    Promise<Void> done = Promise.promise();
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(30_000);
    long start = System.nanoTime();
    // The sender's own event loop drives the requests, as a coordinator would.
    sender.runOnContext(v -> {
      for (int i = 0; i < concurrency; i++) {
        send(sender, options, latencies, counters, errors, done);
      }
    });
    return done.future().map(v -> {
      double seconds = (System.nanoTime() - start) / 1e9;
      long[] sorted = Arrays.stream(latencies).sorted().toArray();
      JsonObject metrics = new JsonObject().put("tasks", total).put("concurrency", concurrency)
        .put("seconds", Memory.round(seconds, 2)).put("tasksPerSec", Math.round(total / seconds))
        .put("p50Ms", Memory.round(percentile(sorted, 0.50) / 1e6, 2)).put("p99Ms", Memory.round(percentile(sorted, 0.99) / 1e6, 2))
        .put("errors", errors[0]);
      if (!report) {
        return metrics;
      }
      print("%,d request/reply tasks between two nodes at concurrency %d in %.2f s: %,d tasks/s, p50 %.2f ms, p99 %.2f ms, %d errors",
        total, concurrency, seconds, metrics.getLong("tasksPerSec"), metrics.getDouble("p50Ms"), metrics.getDouble("p99Ms"), errors[0]);
      return new JsonObject().put("metrics", metrics);
    });
  }

  /** counters: [0] sent, [1] finished. */
  private void send(Vertx sender, DeliveryOptions options, long[] latencies, int[] counters, long[] errors, Promise<Void> done) {
    if (counters[0] == latencies.length) {
      return;
    }
    int index = counters[0]++;
    long start = System.nanoTime();
    sender.eventBus().request(TaskWorker.ADDRESS, new JsonObject().put("id", "t" + index).put("kind", "echo"), options)
      .onComplete(reply -> {
        latencies[index] = System.nanoTime() - start;
        if (reply.failed()) {
          errors[0]++;
        }
        if (++counters[1] == latencies.length) {
          done.complete();
        } else {
          send(sender, options, latencies, counters, errors, done);
        }
      });
  }

  @Override
  public List<Claim> claims() {
    return List.of(Claim.of("every task answered, no error", t ->
      Verdict.equal(0L, t.result().getJsonObject("metrics").getLong("errors"))));
  }
}
