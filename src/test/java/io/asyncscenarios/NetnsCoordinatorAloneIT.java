package io.asyncscenarios;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

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

  static final Path SCRIPT = Path.of("scripts", "netns-cluster.sh").toAbsolutePath();

  private final String name = "ia" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
  private final Path state = Path.of("target", "netns-it", name).toAbsolutePath();
  private Thread teardownOnExit;
  private int calls;

  private NetnsClusterIT.Script script(long timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("NAME", name);
    env.put("STATE", state.toString());
    env.put("HOSTS", "4");
    env.put("COORDINATOR_ALONE", "1");
    env.put("JAR", AppProcess.JAR.toString());
    env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Files.createDirectories(state);
    Path log = state.resolve(String.format("%02d-%s.log", ++calls, args[0]));
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return new NetnsClusterIT.Script(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", args) + "\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.print(output);
    return new NetnsClusterIT.Script(process.exitValue(), output);
  }

  @BeforeAll
  void hosts() throws Exception {
    String whyNot = NetnsClusterIT.whyNot();
    assumeTrue(whyNot == null, () -> "NetnsCoordinatorAloneIT skipped: " + whyNot);
    teardownOnExit = new Thread(() -> {
      try {
        script(60, "down");
      } catch (Exception e) {
        System.err.println("NetnsCoordinatorAloneIT: down failed: " + e);
      }
    });
    Runtime.getRuntime().addShutdownHook(teardownOnExit);
    NetnsClusterIT.Script up = script(60, "up");
    assertEquals(0, up.exitCode(), up.output());
    NetnsClusterIT.Script start = script(150, "start");
    assertEquals(0, start.exitCode(), start.output());
  }

  @AfterAll
  void down() throws Exception {
    if (teardownOnExit == null) {
      return;
    }
    NetnsClusterIT.Script down = script(60, "down");
    Runtime.getRuntime().removeShutdownHook(teardownOnExit);
    Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
    String left = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    list.waitFor();
    assertEquals(0, down.exitCode(), down.output());
    assertTrue(left.lines().noneMatch(l -> l.startsWith(name + "-")), "namespaces left: " + left);
  }

  @Test
  void aPartitionBetweenTheCoordinatorAndOneWorkerOnlyIsCaughtByTheReplyTimeoutEveryResultExactlyOnce() throws Exception {
    NetnsClusterIT.Script check = script(60, "check");
    assertEquals(0, check.exitCode(), check.output());
    assertTrue(check.output().contains("(no worker: the coordinator's host)"), check.output());
    NetnsClusterIT.Script partition = script(300, "fault-partition", "3", "20");
    String output = partition.output() + "\n" + read(state.resolve("coordinator").resolve("output.txt"));
    assertEquals(0, partition.exitCode(), output);
    assertEquals("0", read(state.resolve("coordinator").resolve("exit-code")).trim(), "the coordinator's exit code: " + output);
    assertTrue(partition.output().contains("the coordinator's member list never changed"), output);
    assertTrue(partition.output().contains("back in one cluster with the other hosts"), output);
    JsonObject scenario = new JsonObject(Files.readString(state.resolve("coordinator").resolve("report.json"))).getJsonArray("scenarios").getJsonObject(0);
    JsonObject result = scenario.getJsonObject("result");
    assertEquals(3, result.getInteger("workerNodes"), output);
    assertEquals(12, result.getJsonArray("results").size(), output);
    assertEquals(12, result.getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("id")).distinct().count(), output);
    assertEquals(0, result.getInteger("outstanding"), output);
    JsonArray resent = result.getJsonArray("resent");
    assertTrue(resent.size() > 0, "worker 3's tasks were sent again: " + output);
    Set<String> from = new HashSet<>();
    resent.forEach(r -> from.add(((JsonObject) r).getString("node")));
    assertEquals(1, from.size(), "only the cut-off worker's tasks were sent again: " + resent.encode());
    assertTrue(result.getJsonObject("perNode").fieldNames().stream().noneMatch(from::contains), output);
    assertTrue(scenario.getJsonArray("claims").stream().allMatch(c -> ((JsonObject) c).getBoolean("held")), output);
    assertEquals(0, script(60, "check").exitCode(), "every host listens on its own address only, after the heal");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + file + ": " + e + ")";
    }
  }
}
