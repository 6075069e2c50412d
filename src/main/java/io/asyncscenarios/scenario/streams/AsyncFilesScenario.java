package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.io.AtomicFiles;
import io.asyncscenarios.io.FileErrors;
import io.asyncscenarios.io.FileRefused;
import io.asyncscenarios.io.Leftovers;
import io.asyncscenarios.io.TextFiles;
import io.asyncscenarios.io.WorkFolder;
import io.asyncscenarios.param.ConfigException;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.scenario.Scenario;
import io.asyncscenarios.task.Task;
import io.asyncscenarios.text.Printable;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
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
  static final String INPUT_KEY = "scenario.async-files.input";
  static final String LIMIT_KEY = "scenario.async-files.maxInputBytes";

  @Override
  protected Future<?> run() {
    FileSystem fs = vertx.fileSystem();
    JsonObject result = new JsonObject().put("input", CONTENT);
    String large = config().getString("input");
    long maxBytes = config().getLong("maxInputBytes");
    // Off the event loop: the input checked, the work folder resolved once to its real path, dead runs' temporary files swept.
    return vertx.executeBlocking(() -> prepare(Path.of(settings().workDir()), large, maxBytes), false)
      .compose(prepared -> {
        if (prepared.swept() != null) {
          record(EventType.WARN, prepared.swept());
        }
        return writeFiles(fs, prepared.dir().toString(), result);
      })
      .recover(failure -> Future.failedFuture(describe(failure)));
  }

  /** The work folder's real path, and what sweeping it said (or {@code null}). */
  private record Prepared(Path dir, String swept) {
  }

  private static Prepared prepare(Path work, String large, long maxBytes) throws IOException {
    if (large != null) {
      // Refused before anything is written; checked again when it is opened, and its reading is bounded too.
      TextFiles.checkInput(inputPath(large), maxBytes);
    }
    Path dir = WorkFolder.real(work);
    return new Prepared(dir, Leftovers.sweep(dir, AsyncFilesScenario::isOurs).describe());
  }

  /** What this scenario writes in the work folder, so that the sweep leaves anything else alone. */
  private static boolean isOurs(String name) {
    return name.equals("input.txt") || name.equals("output.txt") || name.endsWith(".upper");
  }

  private Future<JsonObject> writeFiles(FileSystem fs, String dir, JsonObject result) {
    String input = Path.of(dir, "input.txt").toString();
    String output = Path.of(dir, "output.txt").toString();
    return writeFile(input, CONTENT)
      .compose(v -> processFile(input, output))
      .compose(v -> readFile(output))
      .compose(processed -> {
        print("Processed content: %s", processed);
        result.put("output", processed);
        return Future.all(fs.exists(input), fs.exists(output));
      })
      .compose(exist -> {
        result.put("filesExist", exist.<Boolean>resultAt(0) && exist.<Boolean>resultAt(1));
        String large = config().getString("input");
        return large == null ? Future.succeededFuture(result) : stream(large, dir).map(s -> result.put("stream", s));
      });
  }

  /**
   * The configured input, checked with the rest of the configuration: one that is missing, not a regular
   * file or over the limit stops the program before anything runs (exit 2). It is checked again when the
   * scenario runs and when it is opened: it may change meanwhile.
   */
  public static void checkInput(JsonObject params) {
    String large = params.getString("input");
    if (large == null) {
      return;
    }
    try {
      TextFiles.checkInput(inputPath(large), params.getLong("maxInputBytes"));
    } catch (FileRefused refused) {
      throw new ConfigException(describe(refused));
    } catch (IOException e) {
      throw new ConfigException(INPUT_KEY + ": " + FileErrors.describe(e));
    }
  }

  private static Path inputPath(String input) throws FileRefused {
    try {
      return Path.of(input);
    } catch (InvalidPathException e) {
      throw new FileRefused(FileErrors.quote(input) + " is not a path: " + Printable.escape(e.getReason()));
    }
  }

  /** One line: an input refused names its key, and the key that raises a limit it is over. */
  private static String describe(Throwable failure) {
    if (failure instanceof FileRefused refused && !refused.aboutWorkFolder()) {
      return INPUT_KEY + ": " + refused.getMessage() + (refused.overLimit() ? ": raise " + LIMIT_KEY + " or give a smaller file" : "");
    }
    return FileErrors.describe(failure);
  }

  private Future<String> readFile(String path) {
    return vertx.fileSystem().readFile(path).map(buffer -> buffer.toString(StandardCharsets.UTF_8));
  }

  private Future<Void> writeFile(String path, String content) {
    return AtomicFiles.write(vertx, path, Buffer.buffer(content.getBytes(StandardCharsets.UTF_8)));
  }

  private Future<Void> processFile(String input, String output) {
    return readFile(input).compose(content -> writeFile(output, content.toUpperCase(Locale.ROOT)));
  }

  /**
   * The same transform for a file of any size, chunk by chunk, each read, upper-cased and written on a
   * worker thread as aiofiles runs its file calls; cancelling the scenario's task stops it between chunks.
   */
  private Future<JsonObject> stream(String source, String dir) {
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

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("the output equals the upper-cased input", t -> Verdict.equal(
        t.result().getString("input").toUpperCase(Locale.ROOT), t.result().getString("output"))),
      Claim.of("input.txt and output.txt exist in the work folder", t ->
        Verdict.equal(true, t.result().getBoolean("filesExist"))));
  }
}
