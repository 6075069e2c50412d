package io.asyncscenarios.runner;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.catalog.ScenarioInfo;
import io.asyncscenarios.cluster.ClusterNodes;
import io.asyncscenarios.cluster.LocalCluster;
import io.asyncscenarios.config.AppOptions;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs single scenarios the way the application does, at a small time scale, for tests. Unless the
 * configuration names a {@code workDir}, each run works in a temporary folder of its own, deleted with
 * all it holds when the run ends.
 */
public final class TestRuns {

  /** Small enough to keep the suite fast, large enough for timer noise to stay within tolerance. */
  public static final double TIME_SCALE = 0.03;

  private TestRuns() {
  }

  public static ScenarioOutcome run(Vertx vertx, String id) {
    return run(vertx, id, new JsonObject());
  }

  /** Runs one scenario with the given configuration on top of the test defaults. */
  public static ScenarioOutcome run(Vertx vertx, String id, JsonObject config) {
    return run(vertx, id, config, null);
  }

  /** Runs one scenario on a member of a cluster started in this process. */
  public static ScenarioOutcome run(LocalCluster.Member member, String id, JsonObject config) {
    return run(member.vertx(), member.nodes(), id, config, null);
  }

  /**
   * Runs scenario {@code id}, with its parameters, as an instance {@code factory} makes (a test's
   * subclass, say) instead of the catalogue's; a {@code null} factory is the catalogue's.
   */
  public static ScenarioOutcome run(Vertx vertx, String id, JsonObject config, Supplier<? extends Scenario> factory) {
    return run(vertx, ClusterNodes.local(), id, config, factory);
  }

  private static ScenarioOutcome run(Vertx vertx, ClusterNodes nodes, String id, JsonObject config,
                                     Supplier<? extends Scenario> factory) {
    if (config.containsKey("workDir")) {
      return runIn(vertx, nodes, id, config, factory);
    }
    Path work = createTempDirectory();
    ScenarioOutcome outcome;
    try {
      outcome = runIn(vertx, nodes, id, new JsonObject().put("workDir", work.toString()).mergeIn(config, true), factory);
    } catch (RuntimeException | Error e) {
      try {
        deleteRecursively(work);
      } catch (UncheckedIOException notDeleted) {
        e.addSuppressed(notDeleted);
      }
      throw e;
    }
    deleteRecursively(work);
    return outcome;
  }

  private static ScenarioOutcome runIn(Vertx vertx, ClusterNodes nodes, String id, JsonObject config,
                                       Supplier<? extends Scenario> factory) {
    JsonObject merged = new JsonObject().put("timeScale", TIME_SCALE).mergeIn(config, true)
      .put("scenarios", new JsonArray().add(id));
    AppOptions options = AppOptions.fromJson(merged, Catalog.standard());
    ScenarioInfo info = options.selection().get(0);
    if (factory != null) {
      info = info.withFactory(factory);
    }
    Runner runner = new Runner(vertx, options, nodes, new RunListener() { });
    try {
      return runner.runOne(info).eventually(runner::close).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("scenario " + id + " did not end", e);
    }
  }

  private static Path createTempDirectory() {
    try {
      return Files.createTempDirectory("scenario-work");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code folder} and everything in it, deepest first. */
  static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the test's work folder " + folder, e);
    }
  }
}
