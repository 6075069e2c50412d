package io.asyncscenarios.runner;

import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class TestRunsTest {

  /** A scenario that leaves a folder with a file in its work folder and tells which work folder that was. */
  private static final class LeavesFiles extends Scenario {
    private final List<Path> workFolders;

    LeavesFiles(List<Path> workFolders) {
      this.workFolders = workFolders;
    }

    @Override
    protected Future<?> run() {
      Path work = Path.of(settings().workDir());
      workFolders.add(work);
      String nested = work.resolve("left").resolve("behind").toString();
      return vertx.fileSystem().mkdirs(nested)
        .compose(v -> vertx.fileSystem().writeFile(nested + "/file.txt", io.vertx.core.buffer.Buffer.buffer("x")))
        .map(v -> Files.isRegularFile(Path.of(nested, "file.txt")));
    }
  }

  @Test
  void theTemporaryWorkFolderIsGoneAfterTheRunWithAllItHeld(Vertx vertx) {
    List<Path> workFolders = new CopyOnWriteArrayList<>();
    ScenarioOutcome outcome = TestRuns.run(vertx, "tasks", new JsonObject(), () -> new LeavesFiles(workFolders));
    assertEquals(Status.PASSED, outcome.status(), outcome::toString);
    assertEquals(true, outcome.result(), "the file was written during the run");
    assertEquals(1, workFolders.size());
    assertTrue(workFolders.get(0).getFileName().toString().startsWith("scenario-work"), workFolders::toString);
    assertFalse(Files.exists(workFolders.get(0)), "left behind: " + workFolders.get(0));
  }

  @Test
  void aWorkFolderTheCallerNamesIsTheCallersToKeep(Vertx vertx, @TempDir Path work) {
    List<Path> workFolders = new CopyOnWriteArrayList<>();
    ScenarioOutcome outcome = TestRuns.run(vertx, "tasks", new JsonObject().put("workDir", work.toString()),
      () -> new LeavesFiles(workFolders));
    assertEquals(Status.PASSED, outcome.status(), outcome::toString);
    assertEquals(List.of(work), workFolders);
    assertTrue(Files.isRegularFile(work.resolve("left/behind/file.txt")));
  }
}
