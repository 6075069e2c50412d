package io.asyncscenarios.cluster;

import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the worker nodes of a cluster: the members whose {@link TaskWorker} answers a ping at its own
 * node's address. Being a member is not enough: a coordinator is a member too, and a worker may still
 * be starting, or already stopping.
 */
public final class WorkerNodes {

  // Long enough for a member that has just joined, while the cluster still moves its partitions.
  static final long PING_TIMEOUT_MS = 3000;
  static final long PING_RETRY_MS = 500;

  private final Vertx vertx;
  private final ClusterNodes nodes;

  public WorkerNodes(Vertx vertx, ClusterNodes nodes) {
    this.vertx = vertx;
    this.nodes = nodes;
  }

  /** The members whose worker answers now, in a stable order; none is an empty list, not a failure. */
  public Future<List<String>> answering() {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(PING_TIMEOUT_MS);
    List<Future<String>> pings = new ArrayList<>();
    for (String node : nodes.all()) {
      pings.add(vertx.eventBus().request(TaskWorker.addressOf(node), new JsonObject().put("ping", true), options)
        .map(reply -> node)
        .otherwiseEmpty());
    }
    return Future.all(pings).map(all -> all.<String>list().stream().filter(Objects::nonNull).sorted().toList());
  }

  /**
   * The members whose worker answers, once at least one does; fails after {@code waitSeconds} with how to
   * start one. It waits between rounds as the calling task of {@code tasks} sleeps, so that cancelling
   * that task ends the wait at once.
   */
  public Future<List<String>> atLeastOne(long waitSeconds, Tasks tasks) {
    return atLeastOne(System.nanoTime() + waitSeconds * 1_000_000_000L, waitSeconds, tasks);
  }

  private Future<List<String>> atLeastOne(long deadline, long waitSeconds, Tasks tasks) {
    return answering().compose(found -> {
      if (!found.isEmpty()) {
        return Future.succeededFuture(found);
      }
      if (System.nanoTime() > deadline) {
        return Future.failedFuture("no worker joined the cluster within " + waitSeconds
          + " s; start one with: ./run.sh --cluster -conf '{\"role\":\"worker\"}'");
      }
      return tasks.sleep(PING_RETRY_MS).compose(v -> atLeastOne(deadline, waitSeconds, tasks));
    });
  }
}
