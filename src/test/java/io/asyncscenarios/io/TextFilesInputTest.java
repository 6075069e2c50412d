package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The input of a file transform is bounded: a regular file, under a limit, even when it grows while read. */
@ExtendWith(VertxExtension.class)
class TextFilesInputTest {

  @TempDir
  Path dir;

  private Set<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private static FileRefused refused(Future<?> transform) {
    return assertThrows(FileRefused.class, () -> transform.await(20, TimeUnit.SECONDS));
  }

  @Test
  void aDeviceIsRefusedBeforeAByteIsRead(Vertx vertx) throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    FileRefused refused = refused(TextFiles.upperCase(vertx, "/dev/zero", dir.resolve("out").toString()));
    assertEquals("'/dev/zero' is a character device, not a regular file: give a regular file", refused.getMessage());
    assertFalse(refused.overLimit());
    assertEquals(Set.of(), names());
  }

  @Test
  void aFolderIsRefused(Vertx vertx) throws Exception {
    Path folder = Files.createDirectory(dir.resolve("in"));
    FileRefused refused = refused(TextFiles.upperCase(vertx, folder.toString(), dir.resolve("out").toString()));
    assertEquals("'" + folder + "' is a folder, not a regular file: give a regular file", refused.getMessage());
    assertEquals(Set.of("in"), names());
  }

  @Test
  void aNamedPipeIsRefusedWithoutOpeningIt(Vertx vertx) throws Exception {
    // Opening a pipe for reading would wait for a writer that never comes.
    Path fifo = dir.resolve("pipe");
    int made;
    try {
      made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
    } catch (IOException noMkfifo) {
      made = -1;
    }
    assumeTrue(made == 0, "mkfifo is not available");
    FileRefused refused = refused(TextFiles.upperCase(vertx, fifo.toString(), dir.resolve("out").toString()));
    assertEquals("'" + fifo + "' is a named pipe, not a regular file: give a regular file", refused.getMessage());
  }

  @Test
  void aFileOverTheLimitIsRefusedAndNothingIsWritten(Vertx vertx) throws Exception {
    Path source = Files.writeString(dir.resolve("in.txt"), "x".repeat(101));
    FileRefused refused = refused(TextFiles.upperCase(vertx, source.toString(), dir.resolve("out").toString(), 100, () -> false));
    assertEquals("'" + source + "' is 101 bytes, over the limit of 100 bytes", refused.getMessage());
    assertTrue(refused.overLimit());
    assertEquals(Set.of("in.txt"), names());
  }

  @Test
  void aFileAtTheLimitIsRead(Vertx vertx) throws Exception {
    Path source = Files.writeString(dir.resolve("in.txt"), "x".repeat(100));
    assertEquals(100, TextFiles.upperCase(vertx, source.toString(), dir.resolve("out").toString(), 100, () -> false)
      .await(20, TimeUnit.SECONDS));
    assertEquals("X".repeat(100), Files.readString(dir.resolve("out")));
  }

  @Test
  void aFileGrowingPastTheLimitWhileReadIsStoppedAndLeavesNothing(Vertx vertx) throws Exception {
    Path source = Files.writeString(dir.resolve("in.txt"), "x".repeat(64));
    // Asked before each chunk, on the worker thread: each time, the file grows by a chunk, as a log being written would.
    FileRefused refused = refused(TextFiles.upperCase(vertx, source.toString(), dir.resolve("out").toString(), () -> {
      try {
        Files.writeString(source, "y".repeat(16), StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return false;
    }, 16, 100));
    assertEquals("'" + source + "' grew past the limit of 100 bytes while it was read", refused.getMessage());
    assertTrue(refused.overLimit());
    assertEquals(Set.of("in.txt"), names(), "no output and no temporary file");
  }
}
