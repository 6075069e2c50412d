package io.asyncscenarios.io;

import io.asyncscenarios.Processes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LeftoversTest {

  @TempDir
  Path dir;
  private Process live;

  @AfterEach
  void stopLiveProcess() throws Exception {
    if (live != null) {
      live.destroy();
      live.waitFor();
    }
  }

  private long livePid() throws Exception {
    live = new ProcessBuilder("sleep", "60").start();
    return live.pid();
  }

  private Set<String> names() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void deadRunsFilesGoAndLiveRunsFilesStay() throws Exception {
    long dead = Processes.deadPid();
    long alive = livePid();
    long own = TempFiles.OWN_PID;
    Files.writeString(dir.resolve(".a.html." + dead + ".k1.tmp"), "partial");
    Files.writeString(dir.resolve(".b.html." + dead + ".k2.tmp"), "partial");
    Files.writeString(dir.resolve(".c.html." + alive + ".k3.tmp"), "partial");
    Files.writeString(dir.resolve(".d.html." + own + ".k4.tmp"), "partial");
    Files.writeString(dir.resolve("e.html"), "whole");

    Leftovers.Swept swept = Leftovers.sweep(dir, name -> name.endsWith(".html"));

    assertEquals(Set.of(".c.html." + alive + ".k3.tmp", ".d.html." + own + ".k4.tmp", "e.html"), names());
    assertEquals(2, swept.removed());
    assertEquals("removed 2 temporary files left by runs that died (pid " + dead + ")", swept.describe());
  }

  @Test
  void aRecycledPidDoesNotKeepADeadRunsFileAlive() throws Exception {
    // The process is alive, but a file untouched since before it started cannot be its own.
    long alive = livePid();
    Path old = Files.writeString(dir.resolve(".a.html." + alive + ".k1.tmp"), "partial");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
    assertEquals(1, Leftovers.sweep(dir, name -> true).removed());
    assertEquals(Set.of(), names());
  }

  @Test
  void aFileUnderOurOwnPidWrittenBeforeWeStartedIsADeadRunsToo() throws Exception {
    // In a container every run may be pid 1: the pid alone does not make a file ours.
    Path old = Files.writeString(dir.resolve(".a.html." + TempFiles.OWN_PID + ".k1.tmp"), "partial");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));
    Files.writeString(dir.resolve(".b.html." + TempFiles.OWN_PID + ".k2.tmp"), "partial, being written now");
    Leftovers.Swept swept = Leftovers.sweep(dir, name -> true);
    assertEquals(Set.of(".b.html." + TempFiles.OWN_PID + ".k2.tmp"), names());
    assertEquals("removed 1 temporary file left by runs that died (pid " + TempFiles.OWN_PID + ")", swept.describe());
  }

  @Test
  void olderVersionsFilesGoOnlyOnceLongUntouched() throws Exception {
    Path stale = Files.writeString(dir.resolve(".a.html.k3j9.tmp"), "partial");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Leftovers.UNOWNED_AGE).minusSeconds(60)));
    Files.writeString(dir.resolve(".b.html.x7y8.tmp"), "partial, maybe still being written");

    Leftovers.Swept swept = Leftovers.sweep(dir, name -> name.endsWith(".html"));

    assertEquals(Set.of(".b.html.x7y8.tmp"), names());
    assertEquals("removed 1 temporary file left by runs that died (1 of them from an older version, untouched for over 10 minutes)",
      swept.describe());
  }

  @Test
  void onlyTheTemporaryFilesOfWhatWeWriteAreTouched() throws Exception {
    long dead = Processes.deadPid();
    Files.writeString(dir.resolve(".notes.txt." + dead + ".k1.tmp"), "someone else's");
    Files.createDirectory(dir.resolve(".x.html." + dead + ".k2.tmp"));
    Path outside = Files.writeString(dir.resolve("target"), "kept");
    Files.createSymbolicLink(dir.resolve(".y.html." + dead + ".k3.tmp"), outside);

    Leftovers.Swept swept = Leftovers.sweep(dir, name -> name.endsWith(".html"));

    assertEquals(1, swept.removed(), "the link itself, never a folder or another's file");
    assertEquals(Set.of(".notes.txt." + dead + ".k1.tmp", ".x.html." + dead + ".k2.tmp", "target"), names());
    assertEquals("kept", Files.readString(outside));
  }

  @Test
  void nothingToSweepSaysNothing() throws Exception {
    Files.writeString(dir.resolve("a.html"), "whole");
    assertNull(Leftovers.sweep(dir, name -> true).describe());
  }

  @Test
  void manyDeadRunsAreNamedBriefly() throws Exception {
    TreeSet<Long> pids = new TreeSet<>();
    while (pids.size() < 8) {
      pids.add(Processes.deadPid());
    }
    for (long pid : pids) {
      Files.writeString(dir.resolve(".a.html." + pid + ".k.tmp"), "partial");
    }
    Leftovers.Swept swept = Leftovers.sweep(dir, name -> true);
    String shown = pids.stream().limit(5).map(String::valueOf).collect(Collectors.joining(", "));
    assertEquals("removed 8 temporary files left by runs that died (pids " + shown + " and 3 others)", swept.describe());
  }
}
