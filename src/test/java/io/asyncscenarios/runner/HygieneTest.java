package io.asyncscenarios.runner;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.cluster.ClusterNodes;
import io.asyncscenarios.config.AppOptions;
import io.asyncscenarios.io.SiteServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a scenario leaves behind: nothing. After the whole catalogue has run once (so that Vert.x's
 * pools exist), running it again must end with no more open file descriptors, live threads or
 * deployments than before; and the heavy runs must complete without error.
 */
@ExtendWith(VertxExtension.class)
class HygieneTest {

  static final int EVENT_LOOPS = 2 * Runtime.getRuntime().availableProcessors();
  static final JsonObject DEBUG_OFF = new JsonObject().put("scenario",
    new JsonObject().put("debug-mode", new JsonObject().put("debug", false)));

  @Test
  void noFileDescriptorThreadOrDeploymentOutlivesAScenario(Vertx vertx, @TempDir Path work) throws Exception {
    // One runner for both passes, as one run of the application: its shared HTTP client lives with it.
    AppOptions options = AppOptions.fromJson(DEBUG_OFF.copy().put("timeScale", TestRuns.TIME_SCALE)
      .put("workDir", work.toString()), Catalog.standard());
    Runner runner = new Runner(vertx, options, ClusterNodes.local(), new RunListener() { });
    // Netty keeps one DNS resolver socket per event loop that has resolved an address, and scenarios are
    // deployed on the loops in turn: the baseline is taken once a whole pass adds nothing (a cache bounded
    // by the number of event loops), at most one pass per loop.
    int previous = -1;
    for (int pass = 0; pass <= EVENT_LOOPS && openFiles() != previous; pass++) {
      previous = openFiles();
      runAll(vertx, runner, options);
    }
    int fds = openFiles();
    List<String> before = fileTargets();
    int threads = liveThreads();
    runAll(vertx, runner, options);
    // Closed sockets and ended threads go away asynchronously: wait for it, within bounds.
    awaitTrue(() -> openFiles() <= fds && liveThreads() <= threads, 10,
      () -> "file descriptors " + fds + " -> " + openFiles() + ", new: " + added(before, fileTargets()) + "; threads " + threads
        + " -> " + liveThreads() + ": " + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList());
    runner.close().await(10, TimeUnit.SECONDS);
  }

  private static void runAll(Vertx vertx, Runner runner, AppOptions options) throws Exception {
    for (ScenarioInfo info : options.selection()) {
      ScenarioOutcome outcome = runner.runOne(info).await(60, TimeUnit.SECONDS);
      assertEquals(Status.PASSED, outcome.status(), info.id() + ": " + outcome.error() + " " + outcome.claims());
      assertEquals(List.of(), new ArrayList<>(vertx.deploymentIDs()), info.id() + " left a deployment");
    }
  }

  @Test
  void tenThousandUrlsAtConcurrency256CompleteWithoutError(Vertx vertx) throws Exception {
    SiteServer server = new SiteServer(List.of(0L));
    vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
    String page = server.sites().get(1).url();
    JsonArray sites = new JsonArray();
    for (int i = 0; i < 10_000; i++) {
      sites.add(page + "?n=" + i);
    }
    ScenarioOutcome outcome = TestRuns.run(vertx, "http-fetch",
      new JsonObject().put("http", new JsonObject().put("sites", sites).put("concurrency", 256)));
    assertEquals(Status.PASSED, outcome.status(), () -> outcome.error() + " " + outcome.claims());
    JsonArray results = ((JsonObject) outcome.result()).getJsonArray("results");
    assertEquals(10_000, results.size());
    long expected = SiteServer.TUTORIAL_SITES.get("docs.python.org");
    assertTrue(results.stream().map(JsonObject.class::cast).allMatch(r -> Long.valueOf(expected).equals(r.getLong("chars"))),
      "every page whole, no error");
  }

  private static int openFiles() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? 0 : fds.length;
  }

  private static List<String> fileTargets() {
    List<String> targets = new ArrayList<>();
    File[] fds = new File("/proc/self/fd").listFiles();
    for (File fd : fds == null ? new File[0] : fds) {
      try {
        targets.add(java.nio.file.Files.readSymbolicLink(fd.toPath()).toString());
      } catch (Exception gone) {
        // Closed while listing.
      }
    }
    return targets;
  }

  private static List<String> added(List<String> before, List<String> after) {
    List<String> added = new ArrayList<>(after);
    before.forEach(added::remove);
    return added;
  }

  private static int liveThreads() {
    Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
    return all.size();
  }

  private static void awaitTrue(BooleanSupplier condition, int seconds, java.util.function.Supplier<String> why) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(why.get());
      }
      Thread.sleep(50);
    }
  }
}
