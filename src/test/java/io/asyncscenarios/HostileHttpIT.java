package io.asyncscenarios;

import io.asyncscenarios.io.MisbehavingServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fat jar against a hostile server: every wait ends at its limit, every failure is one line of the
 * report naming its reason, and nothing else reaches stderr (no Vert.x or Netty ERROR line, no stack trace).
 */
class HostileHttpIT {

  @TempDir
  Path dir;

  private Vertx vertx;
  private MisbehavingServer server;

  @BeforeEach
  void startServer() throws Exception {
    vertx = Vertx.vertx();
    server = new MisbehavingServer();
    vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopServer() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  // Limits of a second or three: a fresh JVM on a busy machine can take a few hundred ms over its first answer.

  @Test
  void eachHostileAnswerIsOneLineOnStdoutAndNothingOnStderr() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(server.url("/ok"), server.url("/ok") + ": " + MisbehavingServer.PAGE.length() + " characters");
    expected.put(server.url("/stall"), "fetch failed: timed out: no data for http.timeoutMs (1000 ms) mid-body, after 10 bytes");
    expected.put(server.url("/trickle-body"), "fetch failed: deadline: the whole fetch took over http.deadlineMs (3000 ms)");
    expected.put(server.url("/hang"), "fetch failed: timed out: no response for http.timeoutMs (1000 ms) after the request was sent");
    expected.put(server.url("/goto/ftp://127.0.0.1:" + server.port() + "/x"),
      "fetch failed: redirect to unsupported scheme 'ftp' (only http and https are followed)");
    expected.put(server.url("/not-modified"), "fetch failed: HTTP 304 Not Modified: nothing to save (we sent no conditional request)");
    expected.put(server.url("/bad-status-line"), "fetch failed: bad response from server: invalid status line: the status code \"OK-ish\" is not a number");
    expected.put(server.url("/huge-headers"), "fetch failed: bad response from server: HTTP header is larger than 8192 bytes");
    expected.put(server.url("/negative-length"), "fetch failed: bad response from server: Content-Length value is not a number: -5");
    expected.put(server.url("/close-mid-head"), "fetch failed: Connection closed before received headers");

    long start = System.nanoTime();
    AppProcess app = AppProcess.run(dir, "http-fetch", "-conf", new JsonObject()
      .put("http", new JsonObject().put("sites", new JsonArray(List.copyOf(expected.keySet())))
        .put("timeoutMs", 1000).put("deadlineMs", 3000)).encode());
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertEquals(0, app.exitCode(), app::toString);
    expected.forEach((url, line) -> {
      String full = line.startsWith(url) ? line : url + ": " + line;
      // Each line comes after its time in the run: "      1.169 s  URL: ...".
      assertEquals(1, app.stdout().lines().filter(printed -> printed.endsWith(" s  " + full)).count(),
        "one line '" + full + "' in\n" + app.stdout());
    });
    assertEquals("", app.stderr(), "nothing on stderr");
    // The slowest URL ends at its deadline, three seconds; the rest is the JVM starting and stopping.
    assertTrue(tookMs < 20_000, tookMs + " ms");
  }

  @Test
  void aDownloadEndedByALimitLeavesNoFile() throws Exception {
    AppProcess app = AppProcess.run(dir, "download-and-save", "-conf", new JsonObject()
      .put("http", new JsonObject()
        .put("sites", new JsonArray().add(server.url("/ok")).add(server.url("/stall")).add(server.url("/trickle-body")))
        .put("timeoutMs", 1000).put("deadlineMs", 3000)).encode());

    assertEquals(0, app.exitCode(), app::toString);
    assertTrue(app.stdout().contains(server.url("/stall") + ": download failed: timed out: no data for http.timeoutMs (1000 ms)"), app.stdout());
    assertTrue(app.stdout().contains(server.url("/trickle-body") + ": download failed: deadline: the whole fetch took over http.deadlineMs (3000 ms)"),
      app.stdout());
    try (Stream<Path> files = Files.list(dir.resolve("work/downloaded_sites"))) {
      assertEquals(List.of("127.0.0.1_ok.html"), files.map(file -> file.getFileName().toString()).toList(), "only the whole page");
    }
    assertFalse(app.stderr().contains("Exception"), app.stderr());
    assertEquals("", app.stderr(), "nothing on stderr");
  }
}
