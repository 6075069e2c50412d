package io.asyncscenarios.io;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class TextFilesTest {

  /** Korean (3 bytes a character), Latin with accents (2), emoji (4, a surrogate pair), German ß (grows to SS). */
  static final String MIXED = "비동기 프로그래밍 asyncio — café, naïve, straße 🙂 Ελληνικά ünïcödé\n".repeat(40);

  @TempDir
  Path dir;

  @ParameterizedTest(name = "read {0} byte(s) at a time")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
  void upperCasingIsRightWhateverTheChunkBoundaries(int readSize, Vertx vertx) throws Exception {
    Path source = Files.writeString(dir.resolve("in.txt"), MIXED);
    Path target = dir.resolve("out.txt");
    long bytes = await(TextFiles.transform(vertx, source.toString(), target.toString(), TextFiles::upperCase,
      TextFiles::upperCaseAscii, readSize));
    assertEquals(Files.size(source), bytes);
    assertEquals(MIXED.toUpperCase(Locale.ROOT), Files.readString(target, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "read {0} byte(s) at a time")
  @ValueSource(ints = {1, 3, 7, 64})
  void asciiChunksOnTheFastPathInterleaveRightWithOthers(int readSize, Vertx vertx) throws Exception {
    String text = ("plain ascii line, nothing else\n".repeat(20) + "비동기 ß 🙂\n").repeat(30);
    Path source = Files.writeString(dir.resolve("in.txt"), text);
    Path target = dir.resolve("out.txt");
    await(TextFiles.transform(vertx, source.toString(), target.toString(), TextFiles::upperCase, TextFiles::upperCaseAscii, readSize));
    assertEquals(text.toUpperCase(Locale.ROOT), Files.readString(target, StandardCharsets.UTF_8));
  }

  @Test
  void upperCaseInPiecesEqualsUpperCaseOfTheWhole() {
    String text = (MIXED + "ß".repeat(3000) + "🙂".repeat(600)).repeat(3);
    assertEquals(text.toUpperCase(Locale.ROOT), TextFiles.upperCase(text));
    // A surrogate pair straddling a piece boundary stays whole.
    String straddling = "a".repeat(TextFiles.UPPER_CASE_PIECE - 1) + "🙂" + "b";
    assertEquals(straddling.toUpperCase(Locale.ROOT), TextFiles.upperCase(straddling));
  }

  @Test
  void malformedUtf8FailsAndLeavesNothingBehind(Vertx vertx) throws Exception {
    byte[] broken = {'o', 'k', (byte) 0xC3, (byte) 0x28, 'x'};
    Path source = Files.write(dir.resolve("broken.txt"), broken);
    Path target = dir.resolve("out.txt");
    Exception error = assertThrows(Exception.class,
      () -> await(TextFiles.transform(vertx, source.toString(), target.toString(), s -> s, null, 2)));
    assertTrue(error.getMessage().contains("not valid UTF-8"), error.getMessage());
    assertOnlyFiles("broken.txt");
  }

  @Test
  void aTruncatedLastCharacterIsMalformedToo(Vertx vertx) throws Exception {
    byte[] truncated = "비".getBytes(StandardCharsets.UTF_8);
    Path source = Files.write(dir.resolve("cut.txt"), new byte[] {truncated[0], truncated[1]});
    Exception error = assertThrows(Exception.class,
      () -> await(TextFiles.transform(vertx, source.toString(), dir.resolve("out.txt").toString(), s -> s)));
    assertTrue(error.getMessage().contains("in the middle of a character"), error.getMessage());
    assertOnlyFiles("cut.txt");
  }

  @Test
  void aMissingInputIsNamedAndCreatesNothing(Vertx vertx) throws Exception {
    Path missing = dir.resolve("missing.txt");
    Exception error = assertThrows(Exception.class,
      () -> await(TextFiles.transform(vertx, missing.toString(), dir.resolve("out.txt").toString(), s -> s)));
    assertEquals("'" + missing + "' does not exist", FileErrors.describe(error));
    assertFalse(Files.exists(missing), "opening for reading must not create the input");
    assertOnlyFiles();
  }

  @Test
  void aFolderIsRefusedAsInput(Vertx vertx) {
    Exception error = assertThrows(Exception.class,
      () -> await(TextFiles.transform(vertx, dir.toString(), dir.resolve("out.txt").toString(), s -> s)));
    assertTrue(error.getMessage().contains("is a folder"), error.getMessage());
  }

  @Test
  void atomicWriteReplacesTheWholeFileOrNothing(Vertx vertx) throws Exception {
    Path target = Files.writeString(dir.resolve("t.txt"), "old content that is longer");
    await(AtomicFiles.write(vertx, target.toString(), io.vertx.core.buffer.Buffer.buffer("new")));
    assertEquals("new", Files.readString(target));
    Exception error = assertThrows(Exception.class, () -> await(AtomicFiles.stream(vertx, target.toString(),
      file -> file.write(io.vertx.core.buffer.Buffer.buffer("partial")).compose(v -> io.vertx.core.Future.failedFuture("disk on fire")))));
    assertEquals("disk on fire", error.getMessage());
    assertEquals("new", Files.readString(target));
    assertOnlyFiles("t.txt");
  }

  private void assertOnlyFiles(String... names) throws Exception {
    try (var files = Files.list(dir)) {
      assertEquals(java.util.Set.of(names), files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }
}
