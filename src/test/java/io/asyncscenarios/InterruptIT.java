package io.asyncscenarios;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signals sent to the real process during a run: the running scenario is cancelled, the reports are
 * still written with it marked interrupted, temporary files are removed, and the exit code says which
 * signal it was.
 */
class InterruptIT {

  @TempDir
  Path dir;
  private Process app;

  @AfterEach
  void kill() throws InterruptedException {
    if (app != null) {
      app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process start(String... args) throws IOException {
    List<String> command = AppProcess.java("-jar", AppProcess.JAR.toString());
    command.addAll(List.of(args));
    app = new ProcessBuilder(command).directory(dir.toFile())
      .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    return app;
  }

  private void signal(String name) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", "-" + name, String.valueOf(app.pid())).start().waitFor());
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private String out() {
    try {
      return Files.readString(dir.resolve("out.txt"));
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void sigintCancelsTheRunningScenarioWritesBothReportsAndExits130() throws Exception {
    start("sync-vs-async", "gather-results", "-conf", "{\"report\":{\"json\":\"r.json\",\"html\":\"r.html\"}}");
    await(() -> out().contains("Task 1 started"), "the scenario to start");
    signal("INT");
    assertTrue(app.waitFor(30, TimeUnit.SECONDS), "exited");
    assertEquals(130, app.exitValue(), out());
    JsonObject report = new JsonObject(Files.readString(dir.resolve("r.json")));
    assertEquals("interrupted", report.getString("status"));
    assertEquals(1, report.getJsonArray("scenarios").size(), "nothing ran after the interrupted scenario");
    assertEquals("interrupted", report.getJsonArray("scenarios").getJsonObject(0).getString("status"));
    // Every task the signal found live ends cancelled by it; none is left running.
    List<JsonObject> tasks = report.getJsonArray("scenarios").getJsonObject(0).getJsonArray("tasks").stream()
      .map(JsonObject.class::cast).toList();
    assertTrue(tasks.stream().anyMatch(t -> "a signal".equals(t.getString("cancelledBy"))), tasks::toString);
    assertTrue(tasks.stream().noneMatch(t -> "running".equals(t.getString("end"))), tasks::toString);
    assertTrue(Files.readString(dir.resolve("r.html")).contains("status interrupted"));
    assertTrue(!Files.readString(dir.resolve("err.txt")).contains("Exception"), Files.readString(dir.resolve("err.txt")));
  }

  @Test
  void aHangUpStopsTheRunAsAnInterruptDoesAndExits129() throws Exception {
    // The terminal closed: left to the JVM, its shutdown hooks raced the run (traces, no report).
    start("sync-vs-async", "gather-results", "-conf", "{\"report\":{\"json\":\"r.json\"}}");
    await(() -> out().contains("Task 1 started"), "the scenario to start");
    signal("HUP");
    assertTrue(app.waitFor(30, TimeUnit.SECONDS), "exited");
    assertEquals(129, app.exitValue(), out());
    assertEquals("interrupted", new JsonObject(Files.readString(dir.resolve("r.json"))).getString("status"));
    assertNothingOnStderr();
  }

  @Test
  void sigtermDuringDownloadsLeavesNoTemporaryFileAndExits143() throws Exception {
    Path folder = dir.resolve("work/downloaded_sites");
    // A download opens its temporary file once its answer has begun: this server sends the headers and
    // a little of each body, then stalls, so the four downloads are mid-body when the signal comes.
    try (StallingServer server = StallingServer.start()) {
      String site = server.url("/page");
      start("download-and-save", "-conf", "{\"http\":{\"sites\":[\"" + site + "\"],\"repeat\":4,\"timeoutMs\":60000},"
        + "\"report\":{\"json\":\"r.json\"}}");
      await(() -> StallingServer.temporaryFiles(folder) == 4, "the downloads' temporary files");
      signal("TERM");
      assertTrue(app.waitFor(30, TimeUnit.SECONDS), "exited");
    }
    assertEquals(143, app.exitValue(), out());
    assertEquals(0, StallingServer.temporaryFiles(folder), "temporary files removed");
    assertEquals("interrupted", new JsonObject(Files.readString(dir.resolve("r.json"))).getString("status"));
  }

  @Test
  void sigintDuring10000QueuedDownloadsEndsTheProcessWithin2sLeavingNoTemporaryFile() throws Exception {
    Path work = dir.resolve("work");
    try (StallingServer server = StallingServer.start()) {
      String site = server.url("/page");
      start("download-and-save", "-conf", "{\"http\":{\"sites\":[\"" + site + "\"],\"repeat\":10000,\"concurrency\":16,"
        + "\"timeoutMs\":60000},\"report\":{\"json\":\"r.json\"}}");
      // 16 downloads mid-body, each with its temporary file open, and 9,984 queued behind them.
      await(() -> StallingServer.temporaryFiles(work.resolve("downloaded_sites")) == 16, "16 downloads' temporary files");
      long signalled = System.nanoTime();
      signal("INT");
      assertTrue(app.waitFor(30, TimeUnit.SECONDS), "exited");
      double seconds = (System.nanoTime() - signalled) / 1e9;
      System.out.printf("InterruptIT: 10,000 downloads (16 in flight), SIGINT to exit: %.2f s%n", seconds);
      assertTrue(seconds < 2, "from the signal to the exit took " + seconds + " s, over 2 s");
    }
    assertEquals(130, app.exitValue(), out());
    assertEquals(List.of(), temporaryFilesUnder(work), "temporary files left");
    assertTrue(!out().contains("fetch failed: cancelled"), "a cancelled gather prints no results: " + out());
    assertNothingOnStderr();
    JsonObject report = new JsonObject(Files.readString(dir.resolve("r.json")));
    assertEquals("interrupted", report.getString("status"));
  }

  @Test
  void sigtermWhileAsyncFilesStreamsABigInputStopsItsWritingAndRemovesItsTemporaryFile() throws Exception {
    // 300 MB, sparse: no disk space, and as long to upper-case as any text (NUL is ASCII).
    Path input = dir.resolve("big.txt");
    try (RandomAccessFile file = new RandomAccessFile(input.toFile(), "rw")) {
      file.setLength(300L << 20);
    }
    Path work = dir.resolve("work");
    start("async-files", "-conf", "{\"scenario\":{\"async-files\":{\"input\":\"" + input + "\"}},\"report\":{\"json\":\"r.json\"}}");
    await(() -> !temporaryFilesUnder(work).isEmpty(), "the upper-cased file's temporary file");
    signal("TERM");
    assertTrue(app.waitFor(30, TimeUnit.SECONDS), "exited");
    assertEquals(143, app.exitValue(), out());
    Map<Path, Long> atExit = sizes(work);
    assertEquals(List.of(), temporaryFilesUnder(work), "temporary files left");
    assertTrue(!Files.exists(work.resolve("big.txt.upper")), "no output from a cancelled transform");
    assertNothingOnStderr();
    assertEquals("interrupted", new JsonObject(Files.readString(dir.resolve("r.json"))).getString("status"));
    assertEquals(atExit, sizes(work), "nothing written after the exit");
  }

  @Test
  void sigintWhileTheReportsAreWrittenLetsThemFinishAndExits130() throws Exception {
    // 200,000 tasks make a JSON report of about 110 MB: a second or so to write, long enough to be caught at it.
    start("-conf", "{\"scenarios\":[\"gather-results\"],\"timeScale\":0.03,\"scenario\":{\"gather-results\":{\"count\":200000}},"
      + "\"report\":{\"json\":\"r.json\"}}");
    await(() -> out().contains("scenario(s):"), "the run to end and the reports to begin");
    signal("INT");
    assertTrue(app.waitFor(30, TimeUnit.SECONDS), "exited");
    assertEquals(130, app.exitValue(), out());
    assertTrue(out().contains("JSON report: r.json"), out());
    assertEquals(List.of(), temporaryFilesUnder(dir), "temporary files left");
    assertNothingOnStderr();
    try (RandomAccessFile json = new RandomAccessFile(dir.resolve("r.json").toFile(), "r")) {
      json.seek(json.length() - 1);
      assertEquals('}', json.read(), "the report was written whole");
    }
  }

  /**
   * Nothing on stderr: an interrupt is no error, so neither a trace nor a logged line (Vert.x's
   * "Stream reset" ERROR for a request reset by the cancellation was one) belongs there.
   */
  private void assertNothingOnStderr() throws IOException {
    assertEquals("", Files.readString(dir.resolve("err.txt")));
  }

  private static List<Path> temporaryFilesUnder(Path folder) {
    for (int attempt = 1; ; attempt++) {
      if (!Files.isDirectory(folder)) {
        return List.of();
      }
      try (Stream<Path> files = Files.walk(folder)) {
        return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
      } catch (IOException | UncheckedIOException e) {
        // A file deleted while the folder was walked (the application is at work): look again.
        if (attempt == 10) {
          throw new AssertionError("could not list " + folder, e);
        }
      }
    }
  }

  private static Map<Path, Long> sizes(Path folder) throws IOException {
    Map<Path, Long> sizes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        sizes.put(file, Files.size(file));
      }
    }
    return sizes;
  }

}
