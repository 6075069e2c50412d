package io.asyncscenarios;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A three-process cluster on loopback, as the README runs it: two workers and a coordinator. One worker
 * is killed with SIGKILL while it holds tasks; every result must still arrive exactly once.
 */
class ClusterIT {

  @TempDir
  Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @AfterEach
  void stopAll() throws Exception {
    for (Process process : processes) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process start(String name, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-jar", AppProcess.JAR.toString(), "-cluster"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile())
      .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    processes.add(process);
    return process;
  }

  private Process worker(String name, int statusPort) throws IOException {
    return start(name, "-conf", "{\"role\":\"worker\",\"cluster\":{\"statusPort\":" + statusPort + "}}");
  }

  private String get(int port, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception notYet) {
      return "";
    }
  }

  private void awaitStatus(int port, String path, Predicate<String> condition, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (condition.test(get(port, path))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + path + " on port " + port + " satisfied the wait; last: " + get(port, path));
  }

  @Test
  void theGatherSurvivesAWorkerKilledMidRunWithNothingLostOrDoubled() throws Exception {
    long start = System.nanoTime();
    int portA = freePort();
    int portB = freePort();
    Process workerA = worker("worker-a", portA);
    Process workerB = worker("worker-b", portB);
    awaitStatus(portA, "/health", body -> body.contains("\"clusterSize\":2"), 60);

    Process coordinator = start("coordinator", "distributed-gather", "-conf",
      "{\"report\":{\"json\":\"r.json\"},\"scenario\":{\"distributed-gather\":{\"count\":12,\"durations\":[5],\"replyGraceMs\":3000}}}");
    // Kill A once both workers hold tasks.
    awaitStatus(portA, "/tasks", body -> body.contains("task-"), 60);
    awaitStatus(portB, "/tasks", body -> body.contains("task-"), 10);
    workerA.destroyForcibly();

    assertTrue(coordinator.waitFor(60, TimeUnit.SECONDS), "the coordinator finished");
    String log = Files.readString(dir.resolve("coordinator.log"));
    assertEquals(0, coordinator.exitValue(), log);
    JsonObject scenario = new JsonObject(Files.readString(dir.resolve("r.json"))).getJsonArray("scenarios").getJsonObject(0);
    JsonObject result = scenario.getJsonObject("result");
    Set<String> ids = new HashSet<>();
    result.getJsonArray("results").forEach(r -> assertTrue(ids.add(((JsonObject) r).getString("id")), "each result once"));
    assertEquals(12, ids.size(), log);
    assertTrue(result.getJsonArray("resent").size() > 0, "the killed worker's tasks were sent again: " + log);
    assertTrue(scenario.getJsonArray("claims").stream().allMatch(c -> ((JsonObject) c).getBoolean("held")), log);

    // The surviving worker stops cleanly on SIGTERM.
    workerB.destroy();
    assertTrue(workerB.waitFor(30, TimeUnit.SECONDS), "worker B left on SIGTERM");
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(90), "bounded");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
