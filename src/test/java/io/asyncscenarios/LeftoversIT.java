package io.asyncscenarios;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs sharing a work folder, as real processes: a live run's temporary files fail no other run, and a
 * run killed with SIGKILL mid-download has its leftovers removed by the next run, which says so.
 */
class LeftoversIT {

  @TempDir
  Path dir;
  private Process stalled;

  @AfterEach
  void kill() throws InterruptedException {
    if (stalled != null) {
      stalled.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aLiveRunsFilesAreLeftAloneAndAKilledRunsAreRemovedByTheNext() throws Exception {
    Path folder = dir.resolve("work/downloaded_sites");
    try (StallingServer server = StallingServer.start()) {
      String site = server.url("/page");
      List<String> command = AppProcess.java("-jar", AppProcess.JAR.toString(), "download-and-save", "-conf",
        "{\"http\":{\"sites\":[\"" + site + "\"],\"repeat\":4,\"timeoutMs\":60000}}");
      stalled = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("stalled-out.txt").toFile()).redirectError(dir.resolve("stalled-err.txt").toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (StallingServer.temporaryFiles(folder) < 4) {
        assertTrue(System.nanoTime() < deadline, "gave up waiting for the stalled run's temporary files");
        assertTrue(stalled.isAlive(), "the stalled run ended early");
        Thread.sleep(20);
      }

      // Another run in the same folder while the first is alive: its files are not this run's leftovers.
      AppProcess beside = AppProcess.run(dir, "download-and-save", "-conf", "{\"timeScale\":0.05}");
      assertEquals(0, beside.exitCode(), beside.stdout() + beside.stderr());
      assertFalse(beside.stdout().contains("left by runs that died"), beside.stdout());
      assertEquals(4, StallingServer.temporaryFiles(folder), "the live run's files are still there");

      long pid = stalled.pid();
      stalled.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      assertEquals(4, StallingServer.temporaryFiles(folder), "SIGKILL leaves them behind");

      AppProcess next = AppProcess.run(dir, "download-and-save", "-conf", "{\"timeScale\":0.05}");
      assertEquals(0, next.exitCode(), next.stdout() + next.stderr());
      assertTrue(next.stdout().contains("WARNING removed 4 temporary files left by runs that died (pid " + pid + ")"), next.stdout());
      assertEquals(0, StallingServer.temporaryFiles(folder));
    }
  }
}
