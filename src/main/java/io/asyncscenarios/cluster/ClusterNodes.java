package io.asyncscenarios.cluster;

import com.hazelcast.cluster.MembershipAdapter;
import com.hazelcast.cluster.MembershipEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What this node knows of its cluster: its own id and the members, read from the cluster manager its
 * Vert.x instance was built with. A run that is not clustered is a cluster of one node called
 * {@code local}.
 *
 * <p>The manager is handed in by whoever built the Vert.x instance (the launcher's builder hook, or
 * {@link LocalCluster}): Vert.x itself gives its manager out only through its internal API.
 */
public final class ClusterNodes {

  public static final String LOCAL = "local";
  /** How often departures are also looked for without an event: a backstop, should an event be missed. */
  static final long CHECK_MS = 1000;
  private static final ClusterNodes NOT_CLUSTERED = new ClusterNodes(null);

  // Null when not clustered.
  private final HazelcastClusterManager manager;

  private ClusterNodes(HazelcastClusterManager manager) {
    this.manager = manager;
  }

  /**
   * The nodes of the cluster {@code manager} joins. It answers once it has joined, which a clustered
   * Vert.x instance has done by the time it is built.
   */
  public static ClusterNodes of(HazelcastClusterManager manager) {
    if (manager == null) {
      throw new IllegalArgumentException("no cluster manager: use ClusterNodes.local() for a run that is not clustered");
    }
    return new ClusterNodes(manager);
  }

  /** A run that is not clustered: one node, {@value #LOCAL}. */
  public static ClusterNodes local() {
    return NOT_CLUSTERED;
  }

  public boolean clustered() {
    return manager != null;
  }

  public String self() {
    return manager == null ? LOCAL : manager.getNodeId();
  }

  public List<String> all() {
    return manager == null ? List.of(LOCAL) : List.copyOf(manager.getNodes());
  }

  /**
   * Calls {@code onLeft} on the caller's context with the id of each node that leaves the cluster (is shut
   * down, or declared dead by the others), as soon as the cluster manager says so; until the returned
   * {@code stop} is run. Not clustered, no node ever leaves.
   *
   * <p>Vert.x's own {@link ClusterManager#nodeListener} has room for one listener, which Vert.x itself
   * uses, so the member-removed event comes from Hazelcast, which takes any number.
   */
  public Runnable watchDepartures(Vertx vertx, Consumer<String> onLeft) {
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
    UUID listener = manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipAdapter() {
      @Override
      public void memberRemoved(MembershipEvent event) {
        // Hazelcast's event thread: the check runs where the caller's state lives.
        context.runOnContext(v -> check.run());
      }
    });
    long timer = vertx.setPeriodic(CHECK_MS, id -> check.run());
    return () -> {
      vertx.cancelTimer(timer);
      try {
        manager.getHazelcastInstance().getCluster().removeMembershipListener(listener);
      } catch (RuntimeException alreadyShuttingDown) {
        // A member that is shutting down (a signal) has dropped its listeners already.
      }
    };
  }
}
