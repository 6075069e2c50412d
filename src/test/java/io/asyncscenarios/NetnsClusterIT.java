package io.asyncscenarios;

import io.asyncscenarios.NetnsHosts.Script;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The cluster across hosts, each host a network namespace of its own on a private subnet, made and run by
 * {@code scripts/netns-cluster.sh}, the script a user runs: a worker on each of three hosts and
 * distributed-gather from a coordinator on the first, each node on its own address only; then, in the same
 * cluster, a run with one worker's link slow and lossy; one with that worker cut off from the
 * coordinator's host mid-run and healed after 20 s; one with its link down mid-run and up 20 s later (split
 * brain, merged back); and last one with its host removed mid-run (processes SIGKILLed, link deleted).
 * Each run: every result exactly once, exit code 0.
 *
 * <p>Skipped, saying why, where the hosts cannot be made (not root, no {@code ip netns}, a tool missing). The
 * hosts are made once for the class and always taken down after it, failed or not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetnsClusterIT {

  private final NetnsHosts hosts = new NetnsHosts("it", Map.of());
  private String machineBefore;

  @BeforeAll
  void hosts() throws Exception {
    String whyNot = NetnsHosts.whyNot();
    assumeTrue(whyNot == null, () -> "NetnsClusterIT skipped: " + whyNot);
    machineBefore = NetnsHosts.machineNetwork();
    hosts.up();
    assertEquals(machineBefore, NetnsHosts.machineNetwork(), "the machine's own interfaces, addresses and routes are as they were");
  }

  @AfterAll
  void down() throws Exception {
    hosts.down();
    if (machineBefore != null) {
      assertEquals(machineBefore, NetnsHosts.machineNetwork(), "the machine's own interfaces, addresses and routes are as they were, after it all");
    }
  }

  @Test
  @Order(1)
  void eachHostListensOnItsOwnAddressOnlyAndItsStatusPortAnswersThere() throws Exception {
    Script check = hosts.script(60, "check");
    assertEquals(0, check.exitCode(), check.output());
    for (int h = 1; h <= 3; h++) {
      assertTrue(check.output().contains("/health on 10.77.0." + h + ":8081: {\"node\""), check.output());
    }
  }

  @Test
  @Order(2)
  void distributedGatherRunsAcrossTheHostsEveryResultExactlyOnce() throws Exception {
    Script run = hosts.script(120, "run", "{\"count\":12,\"durations\":[1],\"replyGraceMs\":3000}");
    String output = run.output() + "\n" + hosts.coordinator("output.txt");
    assertEquals(0, run.exitCode(), output);
    assertEquals("0", hosts.coordinator("exit-code").trim(), "the coordinator's exit code: " + output);
    JsonObject scenario = hosts.lastScenario();
    JsonObject result = scenario.getJsonObject("result");
    Set<String> ids = new HashSet<>();
    result.getJsonArray("results").forEach(r -> assertTrue(ids.add(((JsonObject) r).getString("id")), "each result once: " + output));
    assertEquals(12, ids.size(), output);
    assertEquals(3, result.getInteger("workerNodes"), output);
    assertEquals(3, result.getJsonObject("perNode").size(), "every host's worker ran tasks: " + output);
    assertEquals(0, result.getJsonArray("resent").size(), output);
    assertTrue(scenario.getJsonArray("claims").stream().allMatch(c -> ((JsonObject) c).getBoolean("held")), output);
    // After the run too (a node opens some sockets only once it talks to another): still nothing elsewhere.
    assertEveryHostAnswersOnItsOwnAddressOnly(3);
  }

  @Test
  @Order(3)
  void withOneWorkersLinkSlowAndLossyForTheWholeRunEveryResultStillComesExactlyOnce() throws Exception {
    // A run without the fault, then one with host 3's link holding each packet 100 ms and dropping 5 %, each way.
    Script slow = hosts.script(240, "fault-slow", "3");
    String output = slow.output() + "\n" + hosts.coordinator("output.txt");
    assertEquals(0, slow.exitCode(), output);
    assertTrue(slow.output().contains("fault-slow: last result "), output);
    // The fault was there: packets were held and some were dropped.
    Matcher link = Pattern.compile("slow-link: (\\d+) delayed, (\\d+) dropped").matcher(slow.output());
    assertTrue(link.find(), output);
    assertTrue(Long.parseLong(link.group(1)) > 100 && Long.parseLong(link.group(2)) > 0, link.group());
    JsonObject result = hosts.lastScenario().getJsonObject("result");
    assertEquals(12, result.getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("id")).distinct().count(), output);
    assertEquals(12, result.getJsonArray("results").size(), output);
    assertEquals(3, result.getJsonObject("perNode").size(), "the slow worker still took its share: " + output);
    assertEveryHostAnswersOnItsOwnAddressOnly(3);
  }

  @Test
  @Order(4)
  void aWorkerPartitionedFromTheCoordinatorMidRunLosesOnlyItsTasksAndIsBackAfterTheHeal() throws Exception {
    // Host 3 cut off from host 1 (the coordinator's) while its worker holds tasks, healed after 20 s.
    Script partition = hosts.script(300, "fault-partition", "3", "20");
    hosts.assertHost3sTasksWereResent(partition, "fault-partition", true);
    assertTrue(partition.output().contains("back in one cluster with the other hosts"), partition.output());
    assertEveryHostAnswersOnItsOwnAddressOnly(3);
  }

  @Test
  @Order(5)
  void aWorkerWhoseLinkGoesDownMidRunLosesOnlyItsTasksAndMergesBackWhenItComesUp() throws Exception {
    // Split brain: host 3's link down (no carrier) while its worker holds tasks; it is a cluster of its own
    // until the link is up again 20 s later, and Hazelcast's merge brings it back.
    Script linkdown = hosts.script(300, "fault-linkdown", "3", "20");
    hosts.assertHost3sTasksWereResent(linkdown, "fault-linkdown", true);
    assertTrue(linkdown.output().contains("back in one cluster with the other hosts"), linkdown.output());
    assertEveryHostAnswersOnItsOwnAddressOnly(3);
  }

  @Test
  @Order(6)
  void aHostRemovedMidRunLosesOnlyItsTasks() throws Exception {
    // Last: host 3 does not come back. Its processes SIGKILLed and its link deleted while its worker holds tasks.
    Script remove = hosts.script(300, "fault-remove", "3");
    hosts.assertHost3sTasksWereResent(remove, "fault-remove", true);
    assertTrue(remove.output().contains("remove: host 3's processes killed"), remove.output());
    // The workers count the coordinator, which has just left too, until their cluster manager has handled its
    // leaving (seen: 3 members still, right after the run): looked at again for up to 30 s.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Script check = assertEveryHostAnswersOnItsOwnAddressOnly(2);
    while (!clusterOfTwo(check) && System.nanoTime() < deadline) {
      TimeUnit.SECONDS.sleep(1);
      check = assertEveryHostAnswersOnItsOwnAddressOnly(2);
    }
    assertTrue(clusterOfTwo(check), "the two hosts left are one cluster of two: " + check.output());
  }

  private static boolean clusterOfTwo(Script check) {
    return check.output().lines().filter(l -> l.contains("/health on ")).allMatch(l -> l.contains("\"clusterSize\":2"));
  }

  /** check: on each of the first {@code count} hosts, every listener on its own address and the worker answering there. */
  private Script assertEveryHostAnswersOnItsOwnAddressOnly(int count) throws Exception {
    Script check = hosts.script(60, "check");
    assertEquals(0, check.exitCode(), check.output());
    for (int h = 1; h <= count; h++) {
      assertTrue(check.output().contains("/health on 10.77.0." + h + ":8081: {\"node\""), "host " + h + "'s worker answers: " + check.output());
    }
    return check;
  }
}
