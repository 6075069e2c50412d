package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.io.AtomicFiles;
import io.asyncscenarios.io.Leftovers;
import io.asyncscenarios.io.TextFiles;
import io.asyncscenarios.io.WorkFolder;
import io.asyncscenarios.param.ConfigException;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.scenario.Scenario;
import io.asyncscenarios.task.Task;
import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * aiofiles in Vert.x: write {@code input.txt}, read it, upper-case it, write {@code output.txt}, read it
 * back, all through {@link FileSystem}, whose calls never block the event loop. Given a file in
 * {@code scenario.async-files.input}, it also upper-cases that file, of any size, at constant memory.
 */
public class AsyncFilesScenario extends Scenario {

  static final String CONTENT = "Hello, World!\nThis is a test file.";

  // async with aiofiles.open(...) as f: await f.read(): waitOn records what the task waits on, for the report.
  private Future<String> readFile(String filename) {
    return Tasks.waitOn("file", "read " + Path.of(filename).getFileName(), vertx.fileSystem().readFile(filename))
      .map(buffer -> buffer.toString(StandardCharsets.UTF_8));
  }

  // Through a temporary file and a move: the file appears whole or not at all, never half-written.
  private Future<Void> writeFile(String filename, String content) {
    return AtomicFiles.write(vertx, filename, Buffer.buffer(content.getBytes(StandardCharsets.UTF_8)));
  }

  private Future<Void> processFile(String inputFile, String outputFile) {
    return readFile(inputFile).compose(content -> writeFile(outputFile, content.toUpperCase(Locale.ROOT)));
  }

  // async def main(): in the work folder, made ready first; then, beyond the tutorial, the configured input.
  @Override
  protected Future<?> run() {
    String large = config().getString("input");
    return workFolder(large).compose(dir -> {
      String input = Path.of(dir, "input.txt").toString();
      String output = Path.of(dir, "output.txt").toString();
      return writeFile(input, CONTENT)
        .compose(v -> processFile(input, output))
        .compose(v -> readFile(output))
        .onSuccess(result -> print("Processed content: %s", result))
        .compose(result -> outcome(input, output, result))
        .compose(outcome -> large == null ? Future.succeededFuture(outcome) : upperCase(large, dir).map(s -> outcome.put("stream", s)));
    }).recover(failure -> Future.failedFuture(LargeInput.describe(failure)));
  }

  /** What the claims check: the content written, the content read back, and whether both files are there. */
  private Future<JsonObject> outcome(String input, String output, String result) {
    FileSystem fs = vertx.fileSystem();
    return Future.all(exists(fs, input), exists(fs, output)).map(exist -> new JsonObject().put("input", CONTENT)
      .put("output", result).put("filesExist", exist.<Boolean>resultAt(0) && exist.<Boolean>resultAt(1)));
  }

  private static Future<Boolean> exists(FileSystem fs, String filename) {
    return Tasks.waitOn("file", "exists " + Path.of(filename).getFileName(), fs.exists(filename));
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("the output equals the upper-cased input", t -> Verdict.equal(
        t.result().getString("input").toUpperCase(Locale.ROOT), t.result().getString("output"))),
      Claim.of("input.txt and output.txt exist in the work folder", t ->
        Verdict.equal(true, t.result().getBoolean("filesExist"))));
  }

  /** Checks {@code scenario.async-files.input} with the rest of the configuration (the catalogue calls this). */
  public static void checkInput(JsonObject params) {
    LargeInput.checkConfig(params);
  }

  /**
   * The work folder's real path, made ready off the event loop: the configured input checked before
   * anything is written, and what dead runs left of this scenario's files swept.
   */
  private Future<String> workFolder(String large) {
    Path work = Path.of(settings().workDir());
    long maxBytes = config().getLong("maxInputBytes");
    return Tasks.waitOn("worker", "executeBlocking prepare the work folder", () -> vertx.executeBlocking(() -> {
      if (large != null) {
        LargeInput.check(large, maxBytes);
      }
      Path dir = WorkFolder.real(work);
      return new Prepared(dir, Leftovers.sweep(dir, AsyncFilesScenario::isOurs).describe());
    }, false)).map(prepared -> {
      if (prepared.swept() != null) {
        record(EventType.WARN, prepared.swept());
      }
      return prepared.dir().toString();
    });
  }

  private record Prepared(Path dir, String swept) {
  }

  /** What this scenario writes in the work folder, so that the sweep leaves anything else alone. */
  private static boolean isOurs(String name) {
    return name.equals("input.txt") || name.equals("output.txt") || name.endsWith(".upper");
  }

  /**
   * The same transform for a file of any size, chunk by chunk, each read, upper-cased and written on a
   * worker thread as aiofiles runs its file calls; cancelling the scenario's task stops it between chunks.
   */
  private Future<JsonObject> upperCase(String source, String dir) {
    String target = Path.of(dir, Path.of(source).getFileName() + ".upper").toString();
    Task<?> task = tasks.current();
    long start = System.nanoTime();
    return TextFiles.upperCase(vertx, source, target, config().getLong("maxInputBytes"),
        () -> task != null && task.isCancelled())
      .map(bytes -> {
        double seconds = (System.nanoTime() - start) / 1e9;
        // MB as the benchmarks count them: 2^20 bytes.
        double mbPerSecond = bytes / 1048576.0 / seconds;
        print("Streamed %s into %s: %d bytes in %.2f s, %.0f MB/s", source, target, bytes, seconds, mbPerSecond);
        return new JsonObject().put("source", source).put("target", target).put("bytes", bytes).put("seconds", seconds)
          .put("mbPerSecond", mbPerSecond);
      });
  }
}
