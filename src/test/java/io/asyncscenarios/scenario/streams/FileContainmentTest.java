package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.Processes;
import io.asyncscenarios.claim.ClaimResult;
import io.asyncscenarios.param.ConfigException;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.asyncscenarios.runner.TestRuns;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The file scenarios against a hostile work folder: links leading out of it, links planted at the names
 * they write, other runs' temporary files, and inputs that would never end.
 */
@ExtendWith(VertxExtension.class)
class FileContainmentTest {

  @TempDir
  Path base;
  private Process live;

  @AfterEach
  void stopLiveProcess() throws Exception {
    if (live != null) {
      live.destroy();
      live.waitFor();
    }
  }

  private Path work() throws Exception {
    return Files.createDirectories(base.resolve("work"));
  }

  /** The embedded sites, offline: four pages named after the tutorial's sites. */
  private static JsonObject config(Path work) {
    return new JsonObject().put("workDir", work.toString());
  }

  private static JsonObject asyncFiles(Path work, JsonObject params) {
    return config(work).put("scenario", new JsonObject().put("async-files", params));
  }

  private static long count(Path folder) throws Exception {
    try (Stream<Path> files = Files.list(folder)) {
      return files.count();
    }
  }

  private static List<String> warnings(ScenarioOutcome outcome) {
    return outcome.events().stream().filter(e -> e.type() == EventType.WARN).map(Event::message).toList();
  }


  @Test
  void aDownloadFolderLinkedOutsideTheWorkFolderIsRefusedAndNothingIsWrittenThere(Vertx vertx) throws Exception {
    Path work = work();
    Path elsewhere = Files.createDirectory(base.resolve("elsewhere"));
    Files.createSymbolicLink(work.resolve("downloaded_sites"), elsewhere);

    ScenarioOutcome outcome = TestRuns.run(vertx, "download-and-save", config(work));

    assertEquals(Status.ERROR, outcome.status());
    assertEquals("'" + work.resolve("downloaded_sites") + "' is a symbolic link to '" + elsewhere.toRealPath()
      + "', outside the work folder '" + work.toRealPath() + "': remove the link or choose another workDir", outcome.error());
    assertEquals(0, count(elsewhere));
  }

  @Test
  void aLinkPlantedAtADownloadsNameIsReplacedAndWhatItPointsAtIsUntouched(Vertx vertx) throws Exception {
    Path work = work();
    Path folder = Files.createDirectory(work.resolve("downloaded_sites"));
    Path victim = Files.writeString(Files.createDirectory(base.resolve("elsewhere")).resolve("victim"), "precious");
    Path planted = Files.createSymbolicLink(folder.resolve("www.python.org.html"), victim);

    ScenarioOutcome outcome = TestRuns.run(vertx, "download-and-save", config(work));

    assertEquals(Status.PASSED, outcome.status(), () -> outcome.claims() + " " + outcome.error());
    assertEquals("precious", Files.readString(victim));
    assertFalse(Files.isSymbolicLink(planted), "the download replaced the link itself");
    assertTrue(Files.size(planted) > 1000);
  }

  @Test
  void aDeadRunsTemporaryFilesAreRemovedAndALiveRunsAreLeftAlone(Vertx vertx) throws Exception {
    Path work = work();
    Path folder = Files.createDirectory(work.resolve("downloaded_sites"));
    long dead = Processes.deadPid();
    live = new ProcessBuilder("sleep", "60").start();
    Path deadFile = Files.writeString(folder.resolve(".www.python.org.html." + dead + ".k1.tmp"), "partial");
    Path liveFile = Files.writeString(folder.resolve(".other.html." + live.pid() + ".k2.tmp"), "being written");

    ScenarioOutcome outcome = TestRuns.run(vertx, "download-and-save", config(work));

    assertEquals(Status.PASSED, outcome.status(), () -> outcome.claims() + " " + outcome.error());
    assertFalse(Files.exists(deadFile));
    assertTrue(Files.exists(liveFile), "another live run's file");
    assertEquals(List.of("removed 1 temporary file left by runs that died (pid " + dead + ")"), warnings(outcome));
    ClaimResult noPartial = outcome.claims().stream().filter(c -> c.text().equals("no partial file left behind")).findFirst().orElseThrow();
    assertTrue(noPartial.held(), "the live run's file is not ours: " + noPartial);
  }

  @Test
  void asyncFilesRefusesADevice(Vertx vertx) throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    Path work = work();
    // Refused with the configuration, before anything runs (exit 2 from the command line).
    ConfigException refused = assertThrows(ConfigException.class, () -> TestRuns.run(vertx, "async-files", asyncFiles(work, new JsonObject().put("input", "/dev/zero"))));
    assertEquals("scenario.async-files.input: '/dev/zero' is a character device, not a regular file: give a regular file", refused.getMessage());
    assertEquals(0, count(work), "refused before anything was written");
  }

  @Test
  void asyncFilesRefusesAFolder(Vertx vertx) throws Exception {
    Path work = work();
    Path folder = Files.createDirectory(base.resolve("in"));
    // Refused with the configuration, before anything runs (exit 2 from the command line).
    ConfigException refused = assertThrows(ConfigException.class, () -> TestRuns.run(vertx, "async-files", asyncFiles(work, new JsonObject().put("input", folder.toString()))));
    assertEquals("scenario.async-files.input: '" + folder + "' is a folder, not a regular file: give a regular file", refused.getMessage());
  }

  @Test
  void asyncFilesRefusesAnInputOverItsLimitNamingTheKeyThatRaisesIt(Vertx vertx) throws Exception {
    Path work = work();
    Path input = Files.writeString(base.resolve("big.txt"), "x".repeat(2000));
    // Refused with the configuration, before anything runs (exit 2 from the command line).
    ConfigException refused = assertThrows(ConfigException.class, () -> TestRuns.run(vertx, "async-files",
      asyncFiles(work, new JsonObject().put("input", input.toString()).put("maxInputBytes", 1000))));
    assertEquals("scenario.async-files.input: '" + input + "' is 2000 bytes, over the limit of 1000 bytes: "
      + "raise scenario.async-files.maxInputBytes or give a smaller file", refused.getMessage());
    try (Stream<Path> files = Files.list(work)) {
      assertEquals(0, files.filter(p -> p.getFileName().toString().contains("big")).count(), "no output, no temporary file");
    }
  }

  @Test
  void asyncFilesShowsAPathWithANulCharacterEscaped(Vertx vertx) throws Exception {
    Path work = work();
    ConfigException refused = assertThrows(ConfigException.class,
      () -> TestRuns.run(vertx, "async-files", asyncFiles(work, new JsonObject().put("input", "a\u0000b\nc"))));
    assertTrue(refused.getMessage().startsWith("scenario.async-files.input: 'a\\u0000b\\nc' is not a path"), refused.getMessage());
  }

  @Test
  void asyncFilesRemovesADeadRunsTemporaryFileFromTheWorkFolder(Vertx vertx) throws Exception {
    Path work = work();
    long dead = Processes.deadPid();
    Path leftover = Files.writeString(work.resolve(".output.txt." + dead + ".k1.tmp"), "partial");
    Path notOurs = Files.writeString(work.resolve(".notes.md." + dead + ".k1.tmp"), "someone else's");
    ScenarioOutcome outcome = TestRuns.run(vertx, "async-files", config(work));
    assertEquals(Status.PASSED, outcome.status(), outcome::error);
    assertFalse(Files.exists(leftover));
    assertTrue(Files.exists(notOurs));
    assertEquals(List.of("removed 1 temporary file left by runs that died (pid " + dead + ")"), warnings(outcome));
  }
}
