package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.FreePorts;
import io.asyncscenarios.io.MisbehavingServer;
import io.asyncscenarios.param.ConfigException;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.asyncscenarios.runner.TestRuns;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class StreamScenariosTest {

  @TempDir
  Path work;
  private MisbehavingServer server;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    server = new MisbehavingServer();
    vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
  }

  private JsonObject config(JsonObject http) {
    return new JsonObject().put("workDir", work.toString()).put("http", http.put("timeoutMs", 500).put("maxBodyBytes", 65536));
  }

  private JsonArray badAndGoodSites() {
    return new JsonArray().add(server.url("/ok")).add(server.url("/404")).add(server.url("/endless"))
      .add(server.url("/short")).add(server.url("/hang")).add(server.url("/loop")).add("ftp://example.com/x");
  }

  @Test
  void downloadAndSaveKeepsTheGoodPageAndNothingOfTheBadOnes(Vertx vertx) throws Exception {
    long start = System.nanoTime();
    ScenarioOutcome outcome = TestRuns.run(vertx, "download-and-save", config(new JsonObject().put("sites", badAndGoodSites())));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15), "bounded by the timeouts");
    assertEquals(Status.PASSED, outcome.status(), () -> outcome.claims().toString() + outcome.error());
    Path folder = work.resolve("downloaded_sites");
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(Set.of("127.0.0.1_ok.html"), files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
        "only the good page, and no temporary file");
    }
    assertEquals(MisbehavingServer.PAGE, Files.readString(folder.resolve("127.0.0.1_ok.html")));
    List<String> errors = ((JsonObject) outcome.result()).getJsonArray("results").stream()
      .map(JsonObject.class::cast).filter(r -> r.containsKey("error")).map(r -> r.getString("error")).toList();
    assertEquals(6, errors.size(), errors::toString);
  }

  @Test
  void failOnErrorTurnsAnyFailedUrlIntoAnError(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "http-fetch",
      config(new JsonObject().put("sites", new JsonArray().add(server.url("/ok")).add(server.url("/404"))).put("failOnError", true)));
    assertEquals(Status.ERROR, outcome.status());
    assertEquals("1 of 2 URLs failed (http.failOnError is on)", outcome.error());
  }

  @Test
  void httpFetchReportsEachUrlWithItsReason(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "http-fetch", config(new JsonObject().put("sites", badAndGoodSites())));
    assertEquals(Status.PASSED, outcome.status(), () -> outcome.claims().toString());
    JsonArray results = ((JsonObject) outcome.result()).getJsonArray("results");
    assertEquals(MisbehavingServer.PAGE.length(), results.getJsonObject(0).getLong("chars"));
    assertEquals("HTTP 404 Not Found", results.getJsonObject(1).getString("error"));
    assertEquals("unsupported scheme 'ftp' (only http and https)", results.getJsonObject(6).getString("error"));
  }

  @Test
  void httpFetchPrintsInTheSitesOrderOnceAllAreIn(Vertx vertx) {
    // The slow page comes last but is printed first, as zip(sites, results) prints it; the failure in between.
    String slow = server.url("/slow");
    String missing = server.url("/404");
    String ok = server.url("/ok");
    ScenarioOutcome outcome = TestRuns.run(vertx, "http-fetch", config(new JsonObject().put("sites", new JsonArray().add(slow).add(missing).add(ok))));
    assertEquals(Status.PASSED, outcome.status(), () -> outcome.claims().toString() + outcome.error());
    List<String> printed = outcome.events().stream().filter(e -> e.type() == EventType.PRINT).map(Event::message).toList();
    int chars = MisbehavingServer.PAGE.length();
    assertEquals(List.of(slow + ": " + chars + " characters", missing + ": fetch failed: HTTP 404 Not Found", ok + ": " + chars + " characters"),
      printed.subList(1, 4), printed::toString);
    assertTrue(printed.get(0).startsWith("Fetched 3 sites in "), printed::toString);
  }

  @Test
  void repeatFetchesEachSiteThatManyTimesWithItsIndexInTheQuery(Vertx vertx) {
    String ok = server.url("/ok");
    String missing = server.url("/404?lang=ko");
    ScenarioOutcome outcome = TestRuns.run(vertx, "http-fetch",
      config(new JsonObject().put("sites", new JsonArray().add(ok).add(missing)).put("repeat", 3)));
    assertEquals(Status.PASSED, outcome.status(), () -> outcome.claims().toString() + outcome.error());
    List<String> urls = ((JsonObject) outcome.result()).getJsonArray("results").stream().map(JsonObject.class::cast)
      .map(r -> r.getString("url")).toList();
    assertEquals(List.of(ok + "?i=1", ok + "?i=2", ok + "?i=3", missing + "&i=1", missing + "&i=2", missing + "&i=3"), urls);
  }

  @Test
  void repeatAppliesToTheEmbeddedSitesToo(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "download-and-save", config(new JsonObject().put("repeat", 2)).put("http", new JsonObject().put("repeat", 2)));
    assertEquals(Status.PASSED, outcome.status(), () -> outcome.claims().toString() + outcome.result());
    assertEquals(8, ((JsonObject) outcome.result()).getJsonArray("results").size());
    assertTrue(Files.exists(work.resolve("downloaded_sites/www.python.org_i_2.html")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http-fetch", "download-and-save"})
  void aRunInWhichEveryUrlFailedFailsWithOneLine(String scenario, Vertx vertx) throws Exception {
    String refused = "http://127.0.0.1:" + FreePorts.one() + "/";
    ScenarioOutcome outcome = TestRuns.run(vertx, scenario,
      config(new JsonObject().put("sites", new JsonArray().add(refused).add(server.url("/404")).add("ftp://example.com/x"))));
    assertEquals(Status.ERROR, outcome.status());
    assertEquals("all 3 URLs failed; the first: " + refused + ": connection refused", outcome.error());
    // Each URL still printed its own line.
    assertEquals(3, outcome.events().stream().filter(e -> e.type() == EventType.PRINT && e.message().contains(" failed: ")).count());
  }

  @Test
  void aSingleFailedUrlIsTheOnlyOne(Vertx vertx) {
    ScenarioOutcome outcome = TestRuns.run(vertx, "http-fetch", config(new JsonObject().put("sites", new JsonArray().add(server.url("/500")))));
    assertEquals(Status.ERROR, outcome.status());
    assertEquals("the only URL failed: " + server.url("/500") + ": HTTP 500 Internal Server Error", outcome.error());
  }

  @Test
  void asyncFilesStreamsAGivenInput(Vertx vertx) throws Exception {
    Path input = Files.writeString(work.resolve("big.txt"), "가나다 abc\n".repeat(10_000));
    ScenarioOutcome outcome = TestRuns.run(vertx, "async-files",
      config(new JsonObject()).put("scenario", new JsonObject().put("async-files", new JsonObject().put("input", input.toString()))));
    assertEquals(Status.PASSED, outcome.status(), outcome::error);
    assertEquals("가나다 ABC\n".repeat(10_000), Files.readString(work.resolve("big.txt.upper")));
  }

  @Test
  void asyncFilesReportsAMissingInputInOneLine(Vertx vertx) throws Exception {
    Path missing = work.resolve("missing.txt");
    // Refused with the configuration, before anything runs (exit 2 from the command line).
    ConfigException refused = assertThrows(ConfigException.class, () -> TestRuns.run(vertx, "async-files",
      config(new JsonObject()).put("scenario", new JsonObject().put("async-files", new JsonObject().put("input", missing.toString())))));
    assertEquals("scenario.async-files.input: '" + missing + "' does not exist", refused.getMessage());
    assertFalse(Files.exists(work.resolve("missing.txt.upper")));
  }

  @Test
  void asyncFilesReportsAWorkFolderThatCannotBeMade(Vertx vertx) throws Exception {
    Path file = Files.writeString(work.resolve("a-file"), "x");
    ScenarioOutcome outcome = TestRuns.run(vertx, "async-files", new JsonObject().put("workDir", file.resolve("sub").toString()));
    assertEquals(Status.ERROR, outcome.status());
    assertFalse(outcome.error().contains("\n"));
    assertTrue(outcome.error().startsWith("'" + file), outcome.error());
  }
}
