package io.asyncscenarios;

import io.asyncscenarios.catalog.Catalog;
import io.asyncscenarios.cluster.ClusterNodes;
import io.asyncscenarios.config.AppOptions;
import io.asyncscenarios.runner.TestRuns;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main verticle runs on the options it is given, checked once by {@link Main}: it reads no config(). */
@ExtendWith(VertxExtension.class)
class MainVerticleTest {

  @Test
  void runsOnTheOptionsItIsGivenWithAnEmptyConfig(Vertx vertx, @TempDir Path dir) throws Exception {
    AppOptions options = AppOptions.fromJson(new JsonObject().put("scenarios", new JsonArray().add("async-def"))
      .put("timeScale", TestRuns.TIME_SCALE).put("workDir", dir.toString()), Catalog.standard());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    MainVerticle verticle = new MainVerticle(options, ClusterNodes.local(), new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8), "127.0.0.1");
    // Deployed as the launcher deploys it: no configuration in the deployment options.
    vertx.deployVerticle(verticle).await(10, TimeUnit.SECONDS);
    assertEquals(MainVerticle.EXIT_PASSED, verticle.exitCode().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS),
      () -> out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("async-def"), () -> out.toString(StandardCharsets.UTF_8));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }
}
