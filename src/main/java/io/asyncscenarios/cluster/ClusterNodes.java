package io.asyncscenarios.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;

import java.util.List;

/**
 * What this node knows of the cluster: its own id and the members, from the cluster manager. A Vert.x
 * instance that is not clustered is a cluster of one node called {@code local}.
 */
public final class ClusterNodes {

  public static final String LOCAL = "local";

  private ClusterNodes() {
  }

  public static String self(Vertx vertx) {
    ClusterManager manager = manager(vertx);
    return manager == null ? LOCAL : manager.getNodeId();
  }

  public static List<String> all(Vertx vertx) {
    ClusterManager manager = manager(vertx);
    return manager == null ? List.of(LOCAL) : List.copyOf(manager.getNodes());
  }

  private static ClusterManager manager(Vertx vertx) {
    return vertx.isClustered() ? ((VertxInternal) vertx).clusterManager() : null;
  }
}
