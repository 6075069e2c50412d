package io.asyncscenarios.cluster;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.asyncscenarios.runner.TestRuns;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * distributed-gather across three clustered Vert.x instances in one JVM, each with its own Hazelcast
 * member configured from the application's cluster.xml.
 */
class DistributedGatherTest {

  private final List<Vertx> nodes = new ArrayList<>();
  // A cluster of this test's own, under its name and on ports of its own, so that no other cluster running
  // on this machine (another build's tests) joins it or holds the ports its members look at.
  private final String clusterName = "distributed-gather-test-" + UUID.randomUUID();
  private final int basePort = 20_000 + ThreadLocalRandom.current().nextInt(1000) * 10;

  private LocalCluster.Member node() throws Exception {
    Config config = new ClasspathXmlConfig("cluster.xml");
    config.setClusterName(clusterName);
    config.getNetworkConfig().setPort(basePort);
    config.getNetworkConfig().getJoin().getTcpIpConfig()
      .setMembers(List.of("127.0.0.1:" + basePort, "127.0.0.1:" + (basePort + 1), "127.0.0.1:" + (basePort + 2)));
    // The last member to close may wait for partitions to migrate to members already gone but not yet
    // declared dead; Hazelcast would wait up to 600 s for that. A test cluster has nothing to keep.
    config.setProperty("hazelcast.graceful.shutdown.max.wait", "5");
    LocalCluster.Member member = LocalCluster.member(config).await(60, TimeUnit.SECONDS);
    nodes.add(member.vertx());
    return member;
  }

  /**
   * Closes the members together. Once, in a full build, closing them one after another did not end within a
   * minute, and it did not come back in 18 runs of this class on a loaded machine. Several waits inside a
   * clustered close end only when a Hazelcast call does, and one call may retry for about 120 s while members
   * leave (vertx-hazelcast's leave() waits on the lock its member-removed handler holds through such calls). So
   * a close still running after 30 s is reported with every thread's stack, and then this cluster's Hazelcast
   * members are terminated, which fails their pending calls at once; the test is about the gather, not the
   * cluster manager's shutdown (the application bounds its own close at 30 s).
   */
  @AfterEach
  void closeNodes() throws Exception {
    Future<?> closed = Future.join(nodes.stream().map(Vertx::close).toList());
    try {
      closed.await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      System.err.print("DistributedGatherTest: the members did not close within 30 s; where each thread was:\n");
      for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
        System.err.print(thread.getThreadName() + " " + thread.getThreadState() + " on " + thread.getLockName()
          + " held by " + thread.getLockOwnerName() + "\n");
        for (StackTraceElement frame : thread.getStackTrace()) {
          System.err.print("    at " + frame + "\n");
        }
      }
      Hazelcast.getAllHazelcastInstances().stream()
        .filter(member -> member.getConfig().getClusterName().equals(clusterName))
        .forEach(member -> member.getLifecycleService().terminate());
      closed.await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void theClusterConfigurationKeepsEverythingOnLoopback() {
    Config config = new ClasspathXmlConfig("cluster.xml");
    JoinConfig join = config.getNetworkConfig().getJoin();
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertTrue(join.getTcpIpConfig().getMembers().stream().allMatch(m -> m.startsWith("127.0.0.1:")), join.getTcpIpConfig().getMembers()::toString);
    assertEquals(List.of("127.0.0.1"), new ArrayList<>(config.getNetworkConfig().getInterfaces().getInterfaces()));
    assertTrue(config.getNetworkConfig().getInterfaces().isEnabled());
    assertEquals("false", config.getProperty("hazelcast.phone.home.enabled"));
    assertEquals("5", config.getProperty("hazelcast.max.no.heartbeat.seconds"));
    assertEquals("5", config.getProperty("hazelcast.merge.next.run.delay.seconds"));
    assertEquals(3, join.getTcpIpConfig().getMembers().size(), "each address nobody listens on costs a merge check 5 s");
  }

  @Test
  void tasksSpreadOverTheWorkersAndSurviveANodeClosedMidRun() throws Exception {
    LocalCluster.Member memberA = node();
    LocalCluster.Member memberB = node();
    LocalCluster.Member coordinator = node();
    Vertx workerA = memberA.vertx();
    TaskWorker tasksOfA = new TaskWorker(memberA.nodes());
    workerA.deployVerticle(tasksOfA).await(10, TimeUnit.SECONDS);
    memberB.vertx().deployVerticle(new TaskWorker(memberB.nodes())).await(10, TimeUnit.SECONDS);

    JsonObject config = new JsonObject().put("timeScale", 0.2).put("scenario", new JsonObject().put("distributed-gather",
      new JsonObject().put("count", 10).put("durations", new JsonArray().add(2)).put("replyGraceMs", 2000)));
    // Close worker A while its tasks run: it stops taking tasks, hands back those it has, and leaves.
    workerA.setPeriodic(10, id -> {
      if (tasksOfA.inFlight() > 0) {
        workerA.cancelTimer(id);
        workerA.close();
      }
    });
    String nodeA = memberA.nodes().self();
    ScenarioOutcome outcome = TestRuns.run(coordinator, "distributed-gather", config);

    assertEquals(Status.PASSED, outcome.status(), () -> outcome.claims() + " " + outcome.error());
    JsonObject result = (JsonObject) outcome.result();
    Set<String> ids = new HashSet<>();
    result.getJsonArray("results").forEach(r -> assertTrue(ids.add(((JsonObject) r).getString("id")), "once each"));
    assertEquals(10, ids.size());
    // The report's timeline reads which node ran each task from the result, under the documented key.
    Map<String, String> ranOn = TaskNodes.in(result);
    result.getJsonArray("results").forEach(r -> assertEquals(((JsonObject) r).getString("node"), ranOn.get(((JsonObject) r).getString("id"))));
    assertEquals(10, ranOn.size());
    assertEquals(2, result.getInteger("workerNodes"));
    assertEquals(0, result.getInteger("outstanding"), "the duplicate count was taken with nothing outstanding");
    // Only A's tasks come back, as hand-backs or through the membership watch, whichever is first; each
    // names A, whatever its reason. B's tasks are never sent again.
    JsonArray resent = result.getJsonArray("resent");
    assertFalse(resent.isEmpty(), result::encodePrettily);
    assertTrue(resent.stream().map(JsonObject.class::cast).allMatch(r -> r.getString("node").equals(nodeA)
      && r.getString("reason").contains(nodeA)), result::encodePrettily);
    assertTrue(resent.stream().map(JsonObject.class::cast).map(r -> r.getString("reason"))
      .allMatch(reason -> reason.startsWith("handed back: worker ") || reason.endsWith("left the cluster")
        || reason.endsWith("no longer takes tasks") || reason.startsWith("no reply within")), result::encodePrettily);
    assertTrue(resent.size() <= 5, "A held about half of the ten: " + result.encodePrettily());
  }

  @Test
  void notClusteredTheTasksRunOnALocalWorker() throws Exception {
    Vertx vertx = Vertx.vertx();
    nodes.add(vertx);
    JsonObject config = new JsonObject().put("scenario", new JsonObject().put("distributed-gather",
      new JsonObject().put("count", 4).put("durations", new JsonArray().add(1))));
    ScenarioOutcome outcome = TestRuns.run(vertx, "distributed-gather", config);

    assertEquals(Status.PASSED, outcome.status(), () -> outcome.claims() + " " + outcome.error());
    JsonObject result = (JsonObject) outcome.result();
    assertEquals(ClusterNodes.LOCAL, result.getString("mode"));
    assertEquals(new JsonObject().put(ClusterNodes.LOCAL, 4), result.getJsonObject("perNode"));
    assertEquals(Map.of("task-1", "local", "task-2", "local", "task-3", "local", "task-4", "local"), TaskNodes.in(result));
    // Each task waits on its node's reply the whole time, rather than seeming to run.
    for (int i = 1; i <= 4; i++) {
      String task = "task-" + i;
      assertEquals(List.of("start", "wait event-bus node local", "wake event-bus node local", "finish"),
        outcome.events().stream().filter(e -> task.equals(e.task())).map(e -> (e.type().label() + " " + e.message()).strip()).toList());
    }
  }

  @Test
  void aCoordinatorAloneFailsClearlyAfterItsWait() throws Exception {
    LocalCluster.Member coordinator = node();
    JsonObject config = new JsonObject().put("scenario", new JsonObject().put("distributed-gather",
      new JsonObject().put("workerWaitSeconds", 1)));
    long start = System.nanoTime();
    ScenarioOutcome outcome = TestRuns.run(coordinator, "distributed-gather", config);
    assertEquals(Status.ERROR, outcome.status());
    assertTrue(outcome.error().startsWith("no worker joined the cluster within 1 s"), outcome.error());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
  }
}
