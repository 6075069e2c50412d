package io.asyncscenarios;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A three-process cluster on loopback, as the README runs it: two workers and a coordinator. One worker
 * is killed with SIGKILL, or frozen with SIGSTOP and resumed with SIGCONT, while it holds tasks.
 *
 * <p>Each test's nodes use the jar's own cluster.xml under a cluster name and ports of their own, so that
 * no other cluster on this machine (another build's tests) can join them or hold the ports they look at.
 */
class ClusterIT {

  /**
   * The README's bound on how soon a resumed node is back in the cluster: usually within 10 s (the 5 s
   * between merge checks, and 5 s for an address of the member list nobody listens on), but a merge that
   * meets another change of the cluster (here: the coordinator leaving) can take Hazelcast much longer.
   */
  static final long REJOIN_SECONDS = 60;

  @TempDir
  Path dir;
  private Path clusterXml;
  private Path logback;
  private final List<Process> processes = new ArrayList<>();

  @BeforeEach
  void isolatedCluster() throws IOException {
    String xml;
    try (InputStream in = ClusterIT.class.getClassLoader().getResourceAsStream("cluster.xml")) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int base = FreePorts.range(10);
    xml = xml.replace("<cluster-name>async-scenarios</cluster-name>", "<cluster-name>cluster-it-" + UUID.randomUUID() + "</cluster-name>")
      .replace(">5701</port>", ">" + base + "</port>");
    for (int i = 0; i < 3; i++) {
      xml = xml.replace("<member>127.0.0.1:" + (5701 + i) + "</member>", "<member>127.0.0.1:" + (base + i) + "</member>");
    }
    assertTrue(xml.contains("cluster-it-") && xml.contains("127.0.0.1:" + base + "<"), "the jar's cluster.xml changed shape");
    clusterXml = dir.resolve("cluster.xml");
    Files.writeString(clusterXml, xml);
    // What Hazelcast says of joins, splits and merges, for the logs kept when a test fails.
    logback = dir.resolve("logback.xml");
    Files.writeString(logback, """
      <configuration>
        <appender name="stderr" class="ch.qos.logback.core.ConsoleAppender">
          <target>System.err</target>
          <encoder><pattern>%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n</pattern></encoder>
        </appender>
        <logger name="io.netty" level="WARN"/>
        <logger name="com.hazelcast" level="WARN"/>
        <logger name="com.hazelcast.internal.cluster" level="INFO"/>
        <logger name="com.hazelcast.core.LifecycleService" level="INFO"/>
        <root level="INFO"><appender-ref ref="stderr"/></root>
      </configuration>
      """);
  }

  @AfterEach
  void stopAll(TestInfo test) throws Exception {
    for (Process process : processes) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    // Every node's log, kept where a failed build can be looked into: a cluster's trouble is in all of them.
    Path kept = Files.createDirectories(Path.of("target", "cluster-it", test.getTestMethod().orElseThrow().getName()));
    try (var old = Files.newDirectoryStream(kept)) {
      for (Path log : old) {
        Files.delete(log);
      }
    }
    try (var logs = Files.newDirectoryStream(dir, "*.log")) {
      for (Path log : logs) {
        Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private Process start(String name, String... args) throws IOException {
    List<String> command = AppProcess.java("-Dvertx.hazelcast.config=" + clusterXml, "-Dlogback.configurationFile=" + logback,
      "-jar", AppProcess.JAR.toString(), "-cluster");
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile())
      .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    processes.add(process);
    return process;
  }

  private Process worker(String name, int statusPort) throws IOException {
    return start(name, "-conf", "{\"role\":\"worker\",\"cluster\":{\"statusPort\":" + statusPort + "}}");
  }

  private Process coordinator(String name, String params) throws IOException {
    return start(name, "distributed-gather", "-conf",
      "{\"report\":{\"json\":\"" + name + ".json\"},\"scenario\":{\"distributed-gather\":" + params + "}}");
  }

  /**
   * One GET on a fresh connection, bounded by socket timeouts: a pooled keep-alive connection to a node
   * that was frozen can leave a client waiting well past its own request timeout.
   */
  private static String get(int port, String path) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      socket.setSoTimeout(2000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int body = response.indexOf("\r\n\r\n");
      return body < 0 ? "" : response.substring(body + 4);
    } catch (IOException notYet) {
      return "";
    }
  }

  private JsonObject health(int port) {
    String body = get(port, "/health");
    return body.startsWith("{") ? new JsonObject(body) : new JsonObject();
  }

  /** Whether each node lists the other among its members, by the ids they have now. */
  private static boolean inOneCluster(JsonObject a, JsonObject b) {
    String idA = a.getString("node");
    String idB = b.getString("node");
    return idA != null && idB != null && a.getJsonArray("members", new JsonArray()).contains(idB)
      && b.getJsonArray("members", new JsonArray()).contains(idA);
  }

  private List<String> taskNames(int port) {
    String body = get(port, "/tasks");
    return body.startsWith("[") ? new JsonArray(body).stream().map(t -> ((JsonObject) t).getString("name")).sorted().toList() : List.of();
  }

  /** Polls {@code condition} (another process's state, which nothing here can be told of) until it holds. */
  private static void await(Supplier<String> what, BooleanSupplier condition, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s: " + what.get());
      }
      Thread.sleep(100);
    }
  }

  private void awaitStatus(int port, String path, Predicate<String> condition, int seconds) throws Exception {
    await(() -> path + " on port " + port + "; last: " + get(port, path), () -> condition.test(get(port, path)), seconds);
  }

  private static void signal(Process process, String signal) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor(), "kill -" + signal);
  }

  private JsonObject scenarioOf(String name) throws IOException {
    return new JsonObject(Files.readString(dir.resolve(name + ".json"))).getJsonArray("scenarios").getJsonObject(0);
  }

  @Test
  void theGatherSurvivesAWorkerKilledMidRunWithNothingLostOrDoubled() throws Exception {
    long start = System.nanoTime();
    int portA = FreePorts.one();
    int portB = FreePorts.one();
    Process workerA = worker("worker-a", portA);
    Process workerB = worker("worker-b", portB);
    awaitStatus(portA, "/health", body -> body.contains("\"clusterSize\":2"), 60);
    String nodeA = health(portA).getString("node");

    Process coordinator = coordinator("coordinator", "{\"count\":12,\"durations\":[5],\"replyGraceMs\":3000}");
    // Kill A once both workers hold tasks.
    awaitStatus(portA, "/tasks", body -> body.contains("task-"), 60);
    awaitStatus(portB, "/tasks", body -> body.contains("task-"), 10);
    workerA.destroyForcibly();

    assertTrue(coordinator.waitFor(60, TimeUnit.SECONDS), "the coordinator finished");
    String log = Files.readString(dir.resolve("coordinator.log"));
    assertEquals(0, coordinator.exitValue(), log);
    JsonObject scenario = scenarioOf("coordinator");
    JsonObject result = scenario.getJsonObject("result");
    Set<String> ids = new HashSet<>();
    result.getJsonArray("results").forEach(r -> assertTrue(ids.add(((JsonObject) r).getString("id")), "each result once"));
    assertEquals(12, ids.size(), log);
    assertTrue(result.getJsonArray("resent").size() > 0, "the killed worker's tasks were sent again: " + log);
    assertTrue(result.getJsonArray("resent").stream().allMatch(r -> nodeA.equals(((JsonObject) r).getString("node"))),
      "only the killed worker's tasks were sent again: " + log);
    assertTrue(scenario.getJsonArray("claims").stream().allMatch(c -> ((JsonObject) c).getBoolean("held")), log);

    // The surviving worker stops cleanly on SIGTERM.
    workerB.destroy();
    assertTrue(workerB.waitFor(30, TimeUnit.SECONDS), "worker B left on SIGTERM");
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(90), "bounded");
  }

  @Test
  void aFrozenWorkerLosesOnlyItsOwnTasksItsLateRepliesAreCountedBeforeTheClaimsAndItRejoinsWhenResumed() throws Exception {
    int portA = FreePorts.one();
    int portB = FreePorts.one();
    Process workerA = worker("worker-a", portA);
    worker("worker-b", portB);
    awaitStatus(portA, "/health", body -> body.contains("\"clusterSize\":2"), 60);
    String nodeA = health(portA).getString("node");
    String nodeB = health(portB).getString("node");

    // Eight tasks of 3 s, four on each worker; a reply may take 3 s + 12 s, longer than the 5 s in which
    // the cluster declares a silent member dead, so A's tasks come back because A left, not by timeout.
    Process coordinator = coordinator("coordinator", "{\"count\":8,\"durations\":[3],\"replyGraceMs\":12000}");
    awaitStatus(portA, "/tasks", body -> taskNames(portA).size() == 4, 60);
    awaitStatus(portB, "/tasks", body -> taskNames(portB).size() == 4, 10);
    List<String> heldByA = taskNames(portA);
    signal(workerA, "STOP");

    Path log = dir.resolve("coordinator.log");
    await(() -> "the coordinator re-sent A's tasks: " + read(log), () -> read(log).lines().filter(l -> l.contains(": re-sent ")).count() == 4, 30);
    signal(workerA, "CONT");
    long resumed = System.nanoTime();

    assertTrue(coordinator.waitFor(60, TimeUnit.SECONDS), "the coordinator finished");
    String output = read(log);
    assertEquals(0, coordinator.exitValue(), output);
    JsonObject scenario = scenarioOf("coordinator");
    JsonObject result = scenario.getJsonObject("result");
    assertTrue(scenario.getJsonArray("claims").stream().allMatch(c -> ((JsonObject) c).getBoolean("held")), output);

    // Only A's four tasks were sent again, each because A left the cluster; B's never.
    JsonArray resent = result.getJsonArray("resent");
    assertEquals(heldByA, resent.stream().map(r -> ((JsonObject) r).getString("id")).sorted().toList(), output);
    assertTrue(resent.stream().map(JsonObject.class::cast).allMatch(r -> r.getString("node").equals(nodeA)
      && r.getString("reason").equals("node " + nodeA + " left the cluster")), resent::encodePrettily);
    assertEquals(8, result.getJsonArray("results").size());

    // For each of A's tasks two replies come: A's own, late, once it resumes, and B's to the re-sent
    // request; whichever is second is dropped. Each was counted while the count was still open, is in the
    // report, and was printed before the claims: nothing about the run is printed after them.
    List<String> lines = output.lines().toList();
    int firstClaim = indexOf(lines, l -> l.startsWith("   ✓") || l.startsWith("   ✗"));
    List<Integer> dropped = indicesOf(lines, l -> l.contains(": dropped a duplicate reply from node "));
    assertEquals(0, result.getInteger("outstanding"));
    assertEquals(result.getInteger("duplicates"), dropped.size(), output);
    assertEquals(4, dropped.size(), "A's late replies all came within their 15 s: " + output);
    assertTrue(indicesOf(lines, l -> l.contains(": dropped a duplicate reply") || l.contains(": re-sent ")).stream()
      .allMatch(i -> i < firstClaim), output);

    // A, declared dead, rejoins B by itself: each sees the other again.
    await(() -> "A and B in one cluster again; A: " + health(portA) + ", B: " + health(portB) + "; what A's Hazelcast said: "
        + read(dir.resolve("worker-a.log")).lines().filter(l -> l.contains("merg") || l.contains("MERG") || l.contains("join")).toList(),
      () -> inOneCluster(health(portA), health(portB)), REJOIN_SECONDS);
    System.out.printf("ClusterIT: the resumed worker was back in the cluster %.1f s after SIGCONT%n", (System.nanoTime() - resumed) / 1e9);

    // And serves tasks again: a new gather uses both workers.
    Process again = coordinator("again", "{\"count\":4,\"durations\":[0.2]}");
    assertTrue(again.waitFor(60, TimeUnit.SECONDS), "the second coordinator finished");
    JsonObject perNode = scenarioOf("again").getJsonObject("result").getJsonObject("perNode");
    // Both workers by the ids they give now (vertx-hazelcast keeps a node's id across a merge, in a member attribute).
    assertEquals(Set.of(health(portA).getString("node"), health(portB).getString("node")), perNode.fieldNames(),
      () -> read(dir.resolve("again.log")));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException notYet) {
      return "";
    }
  }

  private static int indexOf(List<String> lines, Predicate<String> test) {
    List<Integer> all = indicesOf(lines, test);
    assertTrue(!all.isEmpty(), () -> lines.stream().collect(Collectors.joining("\n")));
    return all.get(0);
  }

  private static List<Integer> indicesOf(List<String> lines, Predicate<String> test) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (test.test(lines.get(i))) {
        found.add(i);
      }
    }
    return found;
  }
}
