package io.asyncscenarios;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hosts made of network namespaces by {@code scripts/netns-cluster.sh}, the script a user runs, under a name of
 * their own so that another run's cannot be touched; each call's output kept under {@code target/netns-it/}.
 * {@link #up()} makes and starts them, {@link #down()} takes them down, and a shutdown hook does too should the
 * test JVM be stopped before.
 */
final class NetnsHosts {

  static final Path SCRIPT = Path.of("scripts", "netns-cluster.sh").toAbsolutePath();
  /** What the script needs, beyond root: the README's list. */
  private static final List<String> TOOLS = List.of("ip", "ss", "curl", "jq", "nft", "iptables-legacy", "python3");

  /** What one call of the script did. */
  record Script(int exitCode, String output) {
  }

  private final String name;
  private final Map<String, String> settings;
  private final Path state;
  private Thread teardownOnExit;
  private int calls;

  /** @param settings the script's environment settings, e.g. {@code HOSTS} */
  NetnsHosts(String prefix, Map<String, String> settings) {
    this.name = prefix + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
    this.settings = settings;
    this.state = Path.of("target", "netns-it", name).toAbsolutePath();
  }

  Script script(long timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.putAll(settings);
    env.put("NAME", name);
    env.put("STATE", state.toString());
    env.put("JAR", AppProcess.JAR.toString());
    env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Files.createDirectories(state);
    // Each call's output in a file of its own, kept for a failed build to be looked into.
    Path log = state.resolve(String.format("%02d-%s.log", ++calls, args[0]));
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      // SIGTERM first: the script's traps undo its fault and stop its coordinator, so the next test finds the
      // hosts as they were.
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      return new Script(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", args) + "\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.print(output);
    return new Script(process.exitValue(), output);
  }

  /** Why this machine cannot make the hosts, or null when it can: the only way to know is to make a namespace. */
  static String whyNot() throws IOException, InterruptedException {
    String uid = run("id", "-u").trim();
    if (!uid.equals("0")) {
      return "not root (uid " + uid + "): network namespaces need root";
    }
    String missing = run("sh", "-c", "PATH=$PATH:/usr/sbin:/sbin; for t in " + String.join(" ", TOOLS)
      + "; do command -v $t >/dev/null || printf '%s ' $t; done").trim();
    if (!missing.isEmpty()) {
      return "missing " + missing + " (Debian: iproute2 curl jq nftables iptables python3; .ci/run installs them)";
    }
    String probe = "asnc-probe-" + ProcessHandle.current().pid();
    Process add = new ProcessBuilder("ip", "netns", "add", probe).redirectErrorStream(true).start();
    String said = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    boolean made = add.waitFor() == 0;
    new ProcessBuilder("ip", "netns", "del", probe).redirectErrorStream(true).start().waitFor();
    return made ? null : "ip netns is unavailable here: " + said;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return said;
  }

  /** Makes the hosts and starts their workers; they are taken down on this JVM's exit, should down() not come. */
  void up() throws Exception {
    teardownOnExit = new Thread(() -> {
      try {
        script(60, "down");
      } catch (Exception e) {
        System.err.println("NetnsHosts: down failed: " + e);
      }
    });
    Runtime.getRuntime().addShutdownHook(teardownOnExit);
    Script up = script(60, "up");
    assertEquals(0, up.exitCode(), up.output());
    Script start = script(150, "start");
    assertEquals(0, start.exitCode(), start.output());
  }

  /** Takes the hosts down, if up() began, and checks none of their namespaces is left. */
  void down() throws Exception {
    if (teardownOnExit == null) {
      return;
    }
    Script down = script(60, "down");
    Runtime.getRuntime().removeShutdownHook(teardownOnExit);
    String left = run("ip", "netns", "list");
    assertEquals(0, down.exitCode(), down.output());
    assertTrue(left.lines().noneMatch(l -> l.startsWith(name + "-")), "namespaces left: " + left);
  }

  /** The machine's own network namespace: its interfaces, addresses and routes. */
  static String machineNetwork() throws IOException, InterruptedException {
    return run("sh", "-c", "ip -o link show | cut -d' ' -f2; ip -o addr show | awk '{print $2, $4}'; ip route show table all | sed 's/ expires [^ ]*//'");
  }

  /** The last run's coordinator's files: {@code output.txt}, {@code exit-code}, {@code report.json}. */
  String coordinator(String file) {
    try {
      return Files.readString(state.resolve("coordinator").resolve(file));
    } catch (IOException e) {
      return "(" + file + ": " + e + ")";
    }
  }

  /** The coordinator's JSON report of the last run: its one scenario. */
  JsonObject lastScenario() {
    return new JsonObject(coordinator("report.json")).getJsonArray("scenarios").getJsonObject(0);
  }

  /**
   * The last run, with a fault of {@code kind} on host 3 mid-run: the fault's line names host 3's node; every
   * result exactly once, none outstanding, host 3's tasks sent again and none of its results taken, every claim
   * held, exit code 0 (README "Exit codes"), and the times from the fault printed: the coordinator's member list
   * changing, or not when {@code memberListChanges} is false. Each task sent again names the node it was taken
   * from and a reason that node was gone: the cluster manager dropped it, it no longer took tasks, or it did not
   * answer in time. That may be another node than host 3's too: once in eight clean-clone builds, Hazelcast
   * also dropped a live worker when host 3 was removed; the gather re-sent its tasks as well and dropped its
   * late replies as duplicates, every result still exactly once. That is the gather's promise, and what is
   * asserted.
   */
  void assertHost3sTasksWereResent(Script fault, String kind, boolean memberListChanges) {
    String output = fault.output() + "\n" + coordinator("output.txt");
    assertEquals(0, fault.exitCode(), output);
    assertEquals("0", coordinator("exit-code").trim(), "the coordinator's exit code: " + output);
    Matcher line = Pattern.compile(kind + ": host 3 \\(node ([0-9a-f-]{36})\\) [^\n]*\n  the coordinator's cluster changed " + (memberListChanges ? "[0-9.]+" : "-") + " s after the [a-z]+; it re-sent the first task [0-9.]+ s after it")
      .matcher(fault.output());
    assertTrue(line.find(), "host 3's node and the detection times are printed: " + output);
    String node3 = line.group(1);
    assertTrue(Pattern.compile("  last result [0-9.]+ s after the [a-z]+; 12 of 12 results gathered").matcher(fault.output()).find(), output);
    JsonObject scenario = lastScenario();
    JsonObject result = scenario.getJsonObject("result");
    assertEquals(12, result.getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("id")).distinct().count(), output);
    assertEquals(12, result.getJsonArray("results").size(), output);
    assertEquals(0, result.getInteger("outstanding"), output);
    JsonArray resent = result.getJsonArray("resent");
    Set<String> from = new HashSet<>();
    for (Object entry : resent) {
      JsonObject r = (JsonObject) entry;
      String node = r.getString("node");
      String reason = r.getString("reason");
      from.add(node);
      assertTrue(reason.equals("node " + node + " left the cluster") || reason.equals("node " + node + " no longer takes tasks")
          || reason.startsWith("no reply within ") && reason.endsWith(" from node " + node),
        "each task sent again names its node and why that node was gone: " + resent.encode());
    }
    assertTrue(from.contains(node3), "host 3's tasks were sent again: " + output);
    if (from.size() > 1) {
      System.out.println("NetnsHosts: " + kind + ": besides host 3's node, tasks were taken back from " + from + ": " + resent.encode());
    }
    assertFalse(result.getJsonObject("perNode").containsKey(node3), "host 3's results were not taken: " + output);
    assertTrue(scenario.getJsonArray("claims").stream().allMatch(c -> ((JsonObject) c).getBoolean("held")), output);
  }
}
