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
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
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
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 64, 4096})
  void upperCasingIsRightWhateverTheChunkBoundaries(int chunkSize, Vertx vertx) throws Exception {
    Path source = Files.writeString(dir.resolve("in.txt"), MIXED);
    Path target = dir.resolve("out.txt");
    long bytes = await(upperCase(vertx, source, target, chunkSize));
    assertEquals(Files.size(source), bytes);
    assertEquals(MIXED.toUpperCase(Locale.ROOT), Files.readString(target, StandardCharsets.UTF_8));
  }

  @Test
  void aCharacterSplitAtAnyOfItsBytesComesOutWhole(Vertx vertx) throws Exception {
    // Every shift of the text against every chunk size puts each boundary inside each character once.
    String text = "é비🙂ßx\nΐ";
    for (int chunkSize = 1; chunkSize <= 13; chunkSize++) {
      for (int shift = 0; shift < 8; shift++) {
        String shifted = "a".repeat(shift) + text;
        Path source = Files.writeString(dir.resolve("in.txt"), shifted);
        Path target = dir.resolve("out.txt");
        await(upperCase(vertx, source, target, chunkSize));
        assertEquals(shifted.toUpperCase(Locale.ROOT), Files.readString(target, StandardCharsets.UTF_8),
          "chunk " + chunkSize + ", shift " + shift);
      }
    }
  }

  @ParameterizedTest(name = "read {0} byte(s) at a time")
  @ValueSource(ints = {1, 3, 7, 64})
  void asciiRunsInterleaveRightWithOtherText(int chunkSize, Vertx vertx) throws Exception {
    String text = ("plain ascii line, nothing else\n".repeat(20) + "비동기 ß 🙂\n").repeat(30);
    Path source = Files.writeString(dir.resolve("in.txt"), text);
    Path target = dir.resolve("out.txt");
    await(upperCase(vertx, source, target, chunkSize));
    assertEquals(text.toUpperCase(Locale.ROOT), Files.readString(target, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} ASCII bytes between")
  @ValueSource(ints = {0, 1, 7, 8, 9, 23, 31, 32, 33, 39, 40, 41, 100})
  void asciiOfAnyLengthBetweenOtherTextIsUpperCased(int gap, Vertx vertx) throws Exception {
    String ascii = "abcdefghijklmnopqrstuvwxyz{}`@".repeat(4).substring(0, Math.min(gap, 120)) + "z".repeat(Math.max(0, gap - 120));
    String text = ("é" + ascii + "비ß" + ascii + "🙂").repeat(50);
    Path source = Files.writeString(dir.resolve("in.txt"), text);
    Path target = dir.resolve("out.txt");
    for (int chunkSize : new int[] {5, 64, 4096}) {
      await(upperCase(vertx, source, target, chunkSize));
      assertEquals(text.toUpperCase(Locale.ROOT), Files.readString(target, StandardCharsets.UTF_8), "chunk " + chunkSize);
    }
  }

  @Test
  void anAllAsciiFileKeepsEverythingButLetters(Vertx vertx) throws Exception {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 3001; i++) {
      all.append((char) (i % 128));
    }
    Path source = Files.writeString(dir.resolve("in.txt"), all);
    Path target = dir.resolve("out.txt");
    assertEquals(3001, await(upperCase(vertx, source, target, 1000)));
    assertEquals(all.toString().toUpperCase(Locale.ROOT), Files.readString(target, StandardCharsets.US_ASCII));
  }

  @Test
  void eightAsciiBytesAtOnceEqualOneByOne() {
    for (int b = 0; b < 128; b++) {
      for (int at = 0; at < 8; at++) {
        long word = 0x4061_7A7B_5B60_2041L & ~(0xFFL << (8 * at)) | ((long) b << (8 * at));
        long expected = 0;
        for (int k = 0; k < 8; k++) {
          int c = (int) (word >>> (8 * k)) & 0xFF;
          expected |= (long) Character.toUpperCase(c) << (8 * k);
        }
        assertEquals(expected, ChunkedUpperCase.upperCaseAscii(word), "byte " + b + " at " + at);
      }
    }
  }

  @ParameterizedTest(name = "read {0} byte(s) at a time")
  @ValueSource(ints = {1, 2, 7, 8, 4096})
  void aFileMayEndInAnyCharacter(int chunkSize, Vertx vertx) throws Exception {
    for (String last : new String[] {"é", "비", "🙂", "ß", "z"}) {
      String text = "ends with ".repeat(5) + last;
      Path source = Files.writeString(dir.resolve("in.txt"), text);
      Path target = dir.resolve("out.txt");
      await(upperCase(vertx, source, target, chunkSize));
      assertEquals(text.toUpperCase(Locale.ROOT), Files.readString(target, StandardCharsets.UTF_8), last);
    }
  }

  @Test
  void textThatGrowsBeyondTheOutputBufferIsWrittenWhole(Vertx vertx) throws Exception {
    // ΐ upper-cases to three characters, 2 bytes to 6: three times the chunk, past the output buffer.
    String text = "ΐ".repeat(500) + "\n" + "ß".repeat(500) + "abc";
    Path source = Files.writeString(dir.resolve("in.txt"), text);
    Path target = dir.resolve("out.txt");
    await(upperCase(vertx, source, target, 1));
    assertEquals(text.toUpperCase(Locale.ROOT), Files.readString(target, StandardCharsets.UTF_8));
    await(upperCase(vertx, source, target, 64));
    assertEquals(text.toUpperCase(Locale.ROOT), Files.readString(target, StandardCharsets.UTF_8));
  }

  @Test
  void anEmptyFileGivesAnEmptyFile(Vertx vertx) throws Exception {
    Path source = Files.write(dir.resolve("in.txt"), new byte[0]);
    Path target = dir.resolve("out.txt");
    assertEquals(0, await(TextFiles.upperCase(vertx, source.toString(), target.toString())));
    assertEquals(0, Files.size(target));
    assertOnlyFiles("in.txt", "out.txt");
  }

  @Test
  void cancellingStopsBetweenChunksAndLeavesTheTargetAsItWas(Vertx vertx) throws Exception {
    Path source = Files.writeString(dir.resolve("in.txt"), "abcdefgh".repeat(100));
    Path target = Files.writeString(dir.resolve("out.txt"), "previous");
    AtomicInteger asked = new AtomicInteger();
    // Cancelled when asked before the fourth chunk: three were written to the temporary file by then.
    Exception error = assertThrows(CancellationException.class, () -> await(TextFiles.upperCase(vertx,
      source.toString(), target.toString(), () -> asked.incrementAndGet() > 3, 16)));
    assertTrue(error.getMessage().contains("after 48 bytes"), error.getMessage());
    assertEquals(4, asked.get(), "no chunk after the cancellation");
    assertEquals("previous", Files.readString(target));
    assertOnlyFiles("in.txt", "out.txt");
  }

  @Test
  void everyCodePointIsUpperCasedAsTheJdkDoesIt(Vertx vertx) throws Exception {
    StringBuilder all = new StringBuilder();
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      if (!Character.isSurrogate((char) c) || c > 0xFFFF) {
        all.appendCodePoint(c);
      }
    }
    Path source = Files.writeString(dir.resolve("in.txt"), all);
    Path target = dir.resolve("out.txt");
    await(upperCase(vertx, source, target, 4096));
    assertEquals(all.toString().toUpperCase(Locale.ROOT), Files.readString(target, StandardCharsets.UTF_8));
  }

  @Test
  void malformedUtf8FailsAndLeavesNothingBehind(Vertx vertx) throws Exception {
    byte[] broken = {'o', 'k', (byte) 0xC3, (byte) 0x28, 'x'};
    Path source = Files.write(dir.resolve("broken.txt"), broken);
    Path target = dir.resolve("out.txt");
    Exception error = assertThrows(Exception.class,
      () -> await(upperCase(vertx, source, target, 2)));
    assertEquals("not valid UTF-8 near byte 2", error.getMessage());
    assertOnlyFiles("broken.txt");
  }

  @Test
  void aReplacementCharacterInTheInputIsText(Vertx vertx) throws Exception {
    String text = "ok \uFFFD 비 ß\n".repeat(100);
    Path source = Files.writeString(dir.resolve("in.txt"), text);
    Path target = dir.resolve("out.txt");
    await(upperCase(vertx, source, target, 64));
    assertEquals(text.toUpperCase(Locale.ROOT), Files.readString(target, StandardCharsets.UTF_8));
  }

  @Test
  void malformedInputIsPlacedInTheFile(Vertx vertx) throws Exception {
    byte[] good = "비동기 ".repeat(50).getBytes(StandardCharsets.UTF_8);
    byte[] broken = java.util.Arrays.copyOf(good, good.length + 3);
    broken[good.length] = (byte) 0xE0;
    broken[good.length + 1] = 'x';
    broken[good.length + 2] = 'y';
    Path source = Files.write(dir.resolve("broken.txt"), broken);
    Exception error = assertThrows(Exception.class, () -> await(upperCase(vertx, source, dir.resolve("out.txt"), 100)));
    assertEquals("not valid UTF-8 near byte " + good.length, error.getMessage());
    assertOnlyFiles("broken.txt");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"C0 80", "C1 BF", "E0 80 80", "ED A0 80", "F0 80 80 80", "F4 90 80 80", "F5 80 80 80", "F8", "80", "C3 41"})
  void whatTheJdkRefusesAsUtf8IsRefused(String hex, Vertx vertx) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.writeBytes("ab 비 ".getBytes(StandardCharsets.UTF_8));
    for (String b : hex.split(" ")) {
      bytes.write(Integer.parseInt(b, 16));
    }
    bytes.writeBytes(" cd".getBytes(StandardCharsets.UTF_8));
    assertThrows(java.nio.charset.CharacterCodingException.class,
      () -> StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())));
    Path source = Files.write(dir.resolve("broken.txt"), bytes.toByteArray());
    Exception error = assertThrows(Exception.class, () -> await(upperCase(vertx, source, dir.resolve("out.txt"), 4096)));
    assertEquals("not valid UTF-8 near byte 7", error.getMessage());
    assertOnlyFiles("broken.txt");
  }

  @Test
  void aTruncatedLastCharacterIsMalformedToo(Vertx vertx) throws Exception {
    byte[] truncated = "비".getBytes(StandardCharsets.UTF_8);
    Path source = Files.write(dir.resolve("cut.txt"), new byte[] {truncated[0], truncated[1]});
    Exception error = assertThrows(Exception.class,
      () -> await(TextFiles.upperCase(vertx, source.toString(), dir.resolve("out.txt").toString())));
    assertTrue(error.getMessage().contains("in the middle of a character"), error.getMessage());
    assertOnlyFiles("cut.txt");
  }

  @Test
  void aMissingInputIsNamedAndCreatesNothing(Vertx vertx) throws Exception {
    Path missing = dir.resolve("missing.txt");
    Exception error = assertThrows(Exception.class,
      () -> await(TextFiles.upperCase(vertx, missing.toString(), dir.resolve("out.txt").toString())));
    assertEquals("'" + missing + "' does not exist", FileErrors.describe(error));
    assertFalse(Files.exists(missing), "opening for reading must not create the input");
    assertOnlyFiles();
  }

  @Test
  void aFolderIsRefusedAsInput(Vertx vertx) {
    Exception error = assertThrows(Exception.class,
      () -> await(TextFiles.upperCase(vertx, dir.toString(), dir.resolve("out.txt").toString())));
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

  private static io.vertx.core.Future<Long> upperCase(Vertx vertx, Path source, Path target, int chunkSize) {
    return TextFiles.upperCase(vertx, source.toString(), target.toString(), () -> false, chunkSize);
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }
}
