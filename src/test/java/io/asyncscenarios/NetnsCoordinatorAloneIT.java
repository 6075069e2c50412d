package io.asyncscenarios;

import io.asyncscenarios.NetnsHosts.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The coordinator on a host of its own (host 1, no worker there) and a worker on each of hosts 2, 3 and 4,
 * made by {@code scripts/netns-cluster.sh} with {@code HOSTS=4 COORDINATOR_ALONE=1}: a partition of host 3
 * from host 1 then cuts the coordinator from that one worker and nothing else. The other workers still
 * reach both, so Hazelcast keeps worker 3 in the cluster: the coordinator's member list does not change,
 * and worker 3's tasks are re-sent on the reply timeout (the task's duration + replyGraceMs). Every result
 * exactly once, exit code 0. Skipped, and torn down, as {@link NetnsClusterIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetnsCoordinatorAloneIT {

  private final NetnsHosts hosts = new NetnsHosts("ia", Map.of("HOSTS", "4", "COORDINATOR_ALONE", "1"));

  @BeforeAll
  void hosts() throws Exception {
    String whyNot = NetnsHosts.whyNot();
    assumeTrue(whyNot == null, () -> "NetnsCoordinatorAloneIT skipped: " + whyNot);
    hosts.up();
  }

  @AfterAll
  void down() throws Exception {
    hosts.down();
  }

  @Test
  void aPartitionBetweenTheCoordinatorAndOneWorkerOnlyIsCaughtByTheReplyTimeoutEveryResultExactlyOnce() throws Exception {
    Script check = hosts.script(60, "check");
    assertEquals(0, check.exitCode(), check.output());
    assertTrue(check.output().contains("(no worker: the coordinator's host)"), check.output());
    Script partition = hosts.script(300, "fault-partition", "3", "20");
    hosts.assertHost3sTasksWereResent(partition, "fault-partition", false);
    String output = partition.output() + "\n" + hosts.coordinator("output.txt");
    assertTrue(partition.output().contains("the coordinator's member list never changed"), output);
    assertTrue(output.contains("no reply within"), "re-sent on the reply timeout: " + output);
    assertEquals(3, hosts.lastScenario().getJsonObject("result").getInteger("workerNodes"), output);
    Script after = hosts.script(60, "check");
    assertEquals(0, after.exitCode(), "every host listens on its own address only, after the heal: " + after.output());
  }
}
