package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.Nginx;
import io.asyncscenarios.debug.DebugOptions;
import io.asyncscenarios.debug.SlowCallbackReports;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.asyncscenarios.runner.TestRuns;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * download-and-save and http-fetch against a real HTTP server that nobody here wrote ({@link Nginx}).
 */
@ExtendWith(VertxExtension.class)
class NginxDownloadTest {

  @TempDir
  Path dir;
  private Nginx nginx;
  private int port;

  @BeforeEach
  void startNginx() throws Exception {
    nginx = Nginx.start(dir);
    port = nginx.port();
  }

  @AfterEach
  void stopNginx() throws Exception {
    if (nginx != null) {
      nginx.close();
    }
  }

  @Test
  void downloadsReproduceTheServedFilesByteForByte(Vertx vertx) throws Exception {
    String base = "http://127.0.0.1:" + port;
    JsonObject config = new JsonObject().put("workDir", dir.resolve("work").toString())
      .put("http", new JsonObject().put("sites", new JsonArray().add(base + "/index.html").add(base + "/data.bin")));
    ScenarioOutcome outcome = TestRuns.run(vertx, "download-and-save", config);
    assertEquals(Status.PASSED, outcome.status(), () -> outcome.claims() + " " + outcome.error());
    Path saved = dir.resolve("work/downloaded_sites");
    assertArrayEquals(Files.readAllBytes(dir.resolve("www/index.html")), Files.readAllBytes(saved.resolve("127.0.0.1_index.html")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("www/data.bin")), Files.readAllBytes(saved.resolve("127.0.0.1_data.bin.html")));
  }

  /**
   * In debug mode, 20,000 fetches report no slow callback of ours: the tasks start in slices, the claims
   * are checked and the reports written off the event loop. The checker's limit is asyncio's 100 ms.
   */
  @Test
  void twentyThousandFetchesInDebugModeReportNoSlowCallback() throws Exception {
    SlowCallbackReports.prepare();
    Vertx debugVertx = Vertx.vertx(DebugOptions.vertxOptions(100));
    try {
      JsonObject config = new JsonObject().put("workDir", dir.resolve("work").toString()).put("debug", true)
        .put("http", new JsonObject().put("sites", new JsonArray().add("http://127.0.0.1:" + port + "/page.html"))
          .put("repeat", 20_000).put("concurrency", 64));
      ScenarioOutcome outcome = TestRuns.run(debugVertx, "http-fetch", config);
      assertEquals(Status.PASSED, outcome.status(), () -> outcome.claims() + " " + outcome.error());
      List<String> slow = outcome.events().stream().filter(e -> e.type() == EventType.WARN)
        .map(Event::message).filter(m -> m.contains("has been blocked")).toList();
      assertEquals(List.of(), slow);
    } finally {
      debugVertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /**
   * 20,000 URLs (one page, told apart by {@code http.repeat}'s {@code ?i=k}) at concurrency 64: every
   * one is saved, and the open descriptors never grow with the number of URLs. Each download in flight
   * holds one pooled connection and, once its answer has arrived, one file: so at most 2 x 64 above the
   * baseline, plus a margin for what Vert.x opens on the side (the resolver, the file system's threads).
   */
  @Test
  void twentyThousandDownloadsHoldDescriptorsBoundedByTheConcurrency(Vertx vertx) throws Exception {
    int urls = 20_000;
    int concurrency = 64;
    // Vert.x's own threads and the first file operations open what they keep: count from there.
    vertx.fileSystem().exists(dir.toString()).await(10, TimeUnit.SECONDS);
    int baseline = openDescriptors();
    AtomicInteger most = new AtomicInteger(baseline);
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> {
      while (sampling.get()) {
        most.accumulateAndGet(openDescriptors(), Math::max);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
    }, "fd-sampler");
    sampler.setDaemon(true);
    JsonObject config = new JsonObject().put("workDir", dir.resolve("work").toString())
      .put("http", new JsonObject().put("sites", new JsonArray().add("http://127.0.0.1:" + port + "/page.html"))
        .put("repeat", urls).put("concurrency", concurrency));
    long start = System.nanoTime();
    sampler.start();
    ScenarioOutcome outcome;
    try {
      outcome = TestRuns.run(vertx, "download-and-save", config);
    } finally {
      sampling.set(false);
      sampler.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(Status.PASSED, outcome.status(), () -> outcome.claims() + " " + outcome.error());
    JsonArray results = ((JsonObject) outcome.result()).getJsonArray("results");
    assertEquals(urls, results.stream().map(JsonObject.class::cast).filter(r -> r.containsKey("file")).count());
    Path saved = dir.resolve("work/downloaded_sites");
    try (Stream<Path> files = Files.list(saved)) {
      assertEquals(urls, files.count());
    }
    assertArrayEquals(Files.readAllBytes(dir.resolve("www/page.html")), Files.readAllBytes(saved.resolve("127.0.0.1_page_i_20000.html")));
    int limit = baseline + 2 * concurrency + 64;
    System.out.printf("20,000 downloads in %.1f s; descriptors: baseline %d, most %d, limit %d%n", seconds, baseline, most.get(), limit);
    assertTrue(most.get() <= limit, "open descriptors peaked at " + most.get() + ", baseline " + baseline);
  }

  private static int openDescriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      // Less the one this listing holds open.
      return (int) fds.count() - 1;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
