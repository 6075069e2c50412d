package io.asyncscenarios.cluster;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Clustered Vert.x instances started in this process from the application's {@code cluster.xml}, on
 * loopback, under a cluster name of their own so they never join a cluster someone is running.
 */
public final class LocalCluster {

  /** A clustered Vert.x instance, with the nodes of its cluster as its own cluster manager sees them. */
  public record Member(Vertx vertx, ClusterNodes nodes) {
  }

  private LocalCluster() {
  }

  /** Starts one member of {@code clusterName}; {@code from} runs the blocking configuration loading. */
  public static Future<Member> member(Vertx from, String clusterName) {
    return from.executeBlocking(() -> {
        Config config = new ClasspathXmlConfig("cluster.xml");
        config.setClusterName(clusterName);
        return config;
      })
      .compose(LocalCluster::member);
  }

  /**
   * Starts one member configured by {@code config}, a Config of its own (the cluster manager writes the member's
   * id into it), with its event bus on loopback.
   */
  public static Future<Member> member(Config config) {
    HazelcastClusterManager manager = new HazelcastClusterManager(config);
    return Vertx.builder()
      .with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1")))
      .withClusterManager(manager)
      .buildClustered()
      .map(vertx -> new Member(vertx, ClusterNodes.of(manager)));
  }
}
