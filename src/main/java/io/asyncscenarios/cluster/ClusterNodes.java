package io.asyncscenarios.cluster;

import com.hazelcast.cluster.MembershipAdapter;
import com.hazelcast.cluster.MembershipEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What this node knows of the cluster: its own id and the members, from the cluster manager. A Vert.x
 * instance that is not clustered is a cluster of one node called {@code local}.
 */
public final class ClusterNodes {

  public static final String LOCAL = "local";
  /** How often departures are also looked for without an event: a backstop, should an event be missed. */
  static final long CHECK_MS = 1000;

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

  /**
   * Calls {@code onLeft} on the caller's context with the id of each node that leaves the cluster (is shut
   * down, or declared dead by the others), as soon as the cluster manager says so; until {@code stop} is run.
   *
   * <p>Vert.x's own {@link ClusterManager#nodeListener} has room for one listener, which Vert.x itself
   * uses, so the member-removed event comes from Hazelcast, which takes any number.
   */
  public static Runnable watchDepartures(Vertx vertx, Consumer<String> onLeft) {
    ClusterManager manager = manager(vertx);
    if (manager == null) {
      return () -> { };
    }
    Context context = vertx.getOrCreateContext();
    Set<String> known = new LinkedHashSet<>(manager.getNodes());
    Runnable check = () -> {
      List<String> now = manager.getNodes();
      List<String> gone = new ArrayList<>(known);
      gone.removeAll(now);
      known.clear();
      known.addAll(now);
      gone.forEach(onLeft);
    };
    UUID listener = manager instanceof HazelcastClusterManager hazelcast
      ? hazelcast.getHazelcastInstance().getCluster().addMembershipListener(new MembershipAdapter() {
        @Override
        public void memberRemoved(MembershipEvent event) {
          // Hazelcast's event thread: the check runs where the caller's state lives.
          context.runOnContext(v -> check.run());
        }
      })
      : null;
    long timer = vertx.setPeriodic(CHECK_MS, id -> check.run());
    return () -> {
      vertx.cancelTimer(timer);
      if (listener != null) {
        try {
          ((HazelcastClusterManager) manager).getHazelcastInstance().getCluster().removeMembershipListener(listener);
        } catch (RuntimeException alreadyShuttingDown) {
          // A member that is shutting down (a signal) has dropped its listeners already.
        }
      }
    };
  }

  /** The cluster manager of a Vert.x instance is reachable only through Vert.x's internal API. */
  private static ClusterManager manager(Vertx vertx) {
    return vertx.isClustered() ? ((VertxInternal) vertx).clusterManager() : null;
  }
}
