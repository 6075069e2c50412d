package io.asyncscenarios.scenario.bench;

import io.asyncscenarios.bench.Memory;
import io.asyncscenarios.bench.Reference;
import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.io.FileErrors;
import io.asyncscenarios.io.TextFiles;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.asyncscenarios.scenario.bench.BenchGatherScenario.round;

/**
 * The async-files streaming transform over a large generated text file, timed, beside {@code tr a-z A-Z}
 * on the same file in the same run when {@code tr} is on the PATH.
 */
public class BenchFilesScenario extends Scenario {

  static final byte[] LINE = "the quick brown fox jumps over the lazy dog while asyncio and vert.x gather tasks\n"
    .getBytes(StandardCharsets.US_ASCII);

  @Override
  protected Future<?> run() {
    long bytes = config().getLong("sizeMb") * 1024 * 1024;
    Path dir = Path.of(options().workDir());
    Path input = dir.resolve("bench-input.txt");
    Path output = dir.resolve("bench-input.txt.upper");
    Path byTr = dir.resolve("bench-input.txt.tr");
    JsonObject metrics = new JsonObject().put("sizeMb", config().getLong("sizeMb"));
    return vertx.executeBlocking(() -> generate(input, bytes))
      .compose(v -> Memory.settle(vertx))
      .compose(v -> {
        long start = System.nanoTime();
        return TextFiles.upperCase(vertx, input.toString(), output.toString()).map(n -> {
          double seconds = (System.nanoTime() - start) / 1e9;
          metrics.put("seconds", round(seconds)).put("mbPerSec", round(n / 1048576.0 / seconds)).put("peakHeapMb", round(Memory.peakHeapMb()));
          print("Upper-cased %d MB in %.2f s: %.0f MB/s, peak heap %.0f MB", n >> 20, seconds, n / 1048576.0 / seconds, Memory.peakHeapMb());
          return null;
        });
      })
      .compose(v -> config().getBoolean("compare") && Reference.available("tr") ? vertx.executeBlocking(() -> {
        long start = System.nanoTime();
        Reference.run(List.of("tr", "a-z", "A-Z"), input, byTr, 600);
        double seconds = (System.nanoTime() - start) / 1e9;
        metrics.put("trMbPerSec", round(bytes / 1048576.0 / seconds))
          .put("ratioToTr", Memory.round(metrics.getDouble("mbPerSec") / (bytes / 1048576.0 / seconds), 2))
          .put("sameAsTr", Files.mismatch(output, byTr) == -1);
        print("tr a-z A-Z on the same file: %.0f MB/s; ours is %.2f of it", bytes / 1048576.0 / seconds, metrics.getDouble("ratioToTr"));
        return null;
      }) : Future.succeededFuture())
      .eventually(() -> vertx.executeBlocking(() -> {
        for (Path file : List.of(input, output, byTr)) {
          Files.deleteIfExists(file);
        }
        return null;
      }))
      .map(v -> new JsonObject().put("metrics", metrics))
      .recover(failure -> Future.failedFuture(FileErrors.describe(failure)));
  }

  private static Void generate(Path file, long bytes) throws Exception {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      for (long written = 0; written < bytes; written += LINE.length) {
        out.write(LINE, 0, (int) Math.min(LINE.length, bytes - written));
      }
    }
    return null;
  }

  @Override
  public List<Claim> claims() {
    return List.of(Claim.of("the output is what tr makes of the same file (when tr ran)", t -> {
      JsonObject m = t.result().getJsonObject("metrics");
      if (!m.containsKey("sameAsTr")) {
        return Verdict.of(true, "n/a", "tr not run");
      }
      return Verdict.equal(true, m.getBoolean("sameAsTr"));
    }));
  }
}
