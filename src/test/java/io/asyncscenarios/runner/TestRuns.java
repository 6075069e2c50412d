package io.asyncscenarios.runner;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.config.AppOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs single scenarios the way the application does, at a small time scale, for tests.
 */
public final class TestRuns {

  /** Small enough to keep the suite fast, large enough for timer noise to stay within tolerance. */
  public static final double TIME_SCALE = 0.03;

  private TestRuns() {
  }

  private static String tempDir() {
    try {
      Path dir = Files.createTempDirectory("scenario-work");
      dir.toFile().deleteOnExit();
      return dir.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ScenarioOutcome run(Vertx vertx, String id) {
    return run(vertx, id, new JsonObject());
  }

  /** Runs one scenario with the given configuration on top of the test defaults. */
  public static ScenarioOutcome run(Vertx vertx, String id, JsonObject config) {
    JsonObject merged = new JsonObject().put("timeScale", TIME_SCALE).put("workDir", tempDir()).mergeIn(config, true)
      .put("scenarios", new JsonArray().add(id));
    AppOptions options = AppOptions.fromJson(merged, Catalog.standard());
    Runner runner = new Runner(vertx, options, new RunListener() { });
    try {
      return runner.runOne(options.selection().get(0)).eventually(runner::close).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("scenario " + id + " did not end", e);
    }
  }
}
