package io.asyncscenarios.io;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class AtomicFilesTest {

  @TempDir
  Path dir;

  private Set<String> names() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void aLinkAtTheTargetIsReplacedNeverWrittenThrough(Vertx vertx) throws Exception {
    Path victim = Files.writeString(Files.createDirectory(dir.resolve("elsewhere")).resolve("victim"), "precious");
    Path target = Files.createSymbolicLink(dir.resolve("a.html"), victim);

    AtomicFiles.write(vertx, target.toString(), Buffer.buffer("page")).await(10, TimeUnit.SECONDS);
    AtomicFiles.writeBlocking(dir.resolve("b.html"), out -> out.write('x'));

    assertEquals("precious", Files.readString(victim));
    assertFalse(Files.isSymbolicLink(target));
    assertEquals("page", Files.readString(target, java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void creatingNewRefusesALinkPlantedAtTheTemporaryNameInsteadOfFollowingIt(Vertx vertx) throws Exception {
    // What AtomicFiles relies on: CREATE_NEW is O_CREAT|O_EXCL, which fails on a link, even a dangling one.
    Path pointedAt = dir.resolve("would-be-created");
    Path planted = Files.createSymbolicLink(dir.resolve(".a.html.1.x.tmp"), pointedAt);

    Throwable failure = assertThrows(Exception.class, () -> vertx.fileSystem()
      .open(planted.toString(), new OpenOptions().setWrite(true).setCreateNew(true)).await(10, TimeUnit.SECONDS));

    assertInstanceOf(FileAlreadyExistsException.class, failure.getCause() == null ? failure : failure.getCause(), failure.toString());
    assertFalse(Files.exists(pointedAt, LinkOption.NOFOLLOW_LINKS), "the link was not followed");
  }

  @Test
  void writingLeavesNoTemporaryFileAndTheTemporaryNameWasOurs(Vertx vertx) throws Exception {
    AtomicFiles.write(vertx, dir.resolve("a.txt").toString(), Buffer.buffer("x")).await(10, TimeUnit.SECONDS);
    AtomicFiles.writeBlocking(dir.resolve("b.txt"), out -> out.write('y'));
    assertEquals(Set.of("a.txt", "b.txt"), names());
    // writeBlocking keeps the owner in the name too, so a report's leftovers are known as well.
    Throwable failure = assertThrows(java.io.IOException.class, () -> AtomicFiles.writeBlocking(dir.resolve("c.txt"), out -> {
      try (Stream<Path> files = Files.list(dir)) {
        String temp = files.map(p -> p.getFileName().toString()).filter(TempFiles::isTemporary).findFirst().orElseThrow();
        assertTrue(TempFiles.isOwn(temp), temp);
      }
      throw new java.io.IOException("disk full");
    }));
    assertEquals("disk full", failure.getMessage());
    assertEquals(Set.of("a.txt", "b.txt"), names());
  }
}
