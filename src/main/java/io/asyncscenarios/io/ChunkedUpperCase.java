package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Upper-cases a UTF-8 file into another the way aiofiles does its file calls: blocking calls on a
 * worker thread, here each reading, upper-casing and writing chunks for a few milliseconds. The data
 * never goes through the event loop, which only starts the next call; memory is a few buffers of about
 * a chunk whatever the size of the file.
 *
 * <p>ASCII is upper-cased eight bytes at a time; only the stretches holding other bytes are decoded,
 * upper-cased a code point at a time and encoded again. That gives what {@code toUpperCase(Locale.ROOT)}
 * gives for the whole text, which has no rule looking at a character's neighbours. A character split
 * by the end of a chunk waits for the next.
 */
final class ChunkedUpperCase {

  private static final long HIGH_BITS = 0x8080808080808080L;
  /** How long one worker call goes on: short for the blocked-thread checker and for a cancellation. */
  static final long SLICE_NANOS = 10_000_000;

  private final FileChannel source;
  private final FileChannel target;
  private final int chunkSize;
  // The input may grow while it is read (a log being written): reading stops past this.
  private final Path sourcePath;
  private final long maxBytes;
  // Direct, so the channels read and write them without the JDK's copy through a temporary direct buffer.
  private final ByteBuffer in;
  private final ByteBuffer out;
  // The upper case of each code point seen, in blocks of 256 (see askJdk); 0 when not asked yet.
  private final int[][] upperCases = new int[(Character.MAX_CODE_POINT + 1) >> 8][];
  // The UTF-8 of the upper cases of more than one code point (ß: SS), about a hundred in all.
  private final List<byte[]> severalUpperCases = new ArrayList<>();
  // Text other than ASCII, and its upper case: grown to the longest stretch of it yet, at most a chunk.
  private byte[] text = new byte[256];
  private byte[] upperText = new byte[3 * 256];
  // Where in the source in[0] is: for the position in an error message.
  private long offset;
  private long bytesRead;

  private ChunkedUpperCase(FileChannel source, FileChannel target, int chunkSize, Path sourcePath, long maxBytes) {
    this.source = source;
    this.target = target;
    this.chunkSize = chunkSize;
    this.sourcePath = sourcePath;
    this.maxBytes = maxBytes;
    // Room for the up to 3 bytes of a character carried over from the previous chunk.
    in = ByteBuffer.allocateDirect(chunkSize + 3).order(ByteOrder.LITTLE_ENDIAN);
    // Upper-casing at most triples UTF-8 (ΐ, 2 bytes, gives 3 characters, 6 bytes): a chunk always fits.
    out = ByteBuffer.allocateDirect(3 * (chunkSize + 3)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Upper-cases {@code source} into {@code target}, which must exist and be empty, asking
   * {@code cancelled} (on a worker thread) before every chunk and failing with {@link FileRefused} once more
   * than {@code maxBytes} have been read; completes with the bytes read.
   */
  static Future<Long> run(Vertx vertx, String source, String target, int chunkSize, long maxBytes, BooleanSupplier cancelled) {
    return vertx.executeBlocking(() -> open(Path.of(source), Path.of(target), chunkSize, maxBytes))
      .compose(job -> {
        Promise<Long> done = Promise.promise();
        job.next(vertx, cancelled, done);
        return done.future().eventually(() -> job.close(vertx));
      });
  }

  /** Closes both files on a worker thread, or here if Vert.x is closing and its worker pool takes no more. */
  private Future<Void> close(Vertx vertx) {
    try {
      return vertx.executeBlocking(() -> {
        close();
        return null;
      });
    } catch (RejectedExecutionException closing) {
      // Only when a run is cut short past its wind-down limit; closing two file channels is quick.
      try {
        close();
        return Future.succeededFuture();
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
    }
  }

  private static ChunkedUpperCase open(Path source, Path target, int chunkSize, long maxBytes) throws IOException {
    FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
    try {
      // Not TRUNCATE_EXISTING, though the file is empty: ext4 then flushes it to disk on close, 80 ms for 256 MB.
      // NOFOLLOW_LINKS: the temporary file was made by us, and a link put in its place must not be written through.
      FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      return new ChunkedUpperCase(in, out, chunkSize, source, maxBytes);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private void close() throws IOException {
    try (source; target) {
      // Closing both, the second even when the first fails.
    }
  }

  private void next(Vertx vertx, BooleanSupplier cancelled, Promise<Long> done) {
    Future<Boolean> slice;
    try {
      // Not ordered: the next call is only made once this one is done.
      slice = vertx.executeBlocking(() -> slice(cancelled), false);
    } catch (RejectedExecutionException closing) {
      // Vert.x is closing: the run was cut short, and this is one more reason to stop, not an error to log.
      done.fail(closing);
      return;
    }
    slice.onComplete(more -> {
      if (more.failed()) {
        done.fail(more.cause());
      } else if (more.result()) {
        next(vertx, cancelled, done);
      } else {
        done.complete(bytesRead);
      }
    });
  }

  /**
   * Chunks for about {@link #SLICE_NANOS}, at least one, each after asking {@code cancelled}; {@code false}
   * at the end of the source. Going back to the event loop after every chunk cost two thread wake-ups
   * a chunk, which on a busy machine took longer than the chunk itself.
   */
  private boolean slice(BooleanSupplier cancelled) throws IOException {
    long end = System.nanoTime() + SLICE_NANOS;
    do {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("cancelled after " + bytesRead + " bytes");
      }
      if (!chunk()) {
        return false;
      }
    } while (System.nanoTime() - end < 0);
    return true;
  }

  /** Reads, upper-cases and writes one chunk; {@code false} at the end of the source. */
  private boolean chunk() throws IOException {
    in.limit(in.position() + chunkSize);
    int read = source.read(in);
    if (read < 0) {
      if (in.position() > 0) {
        throw new CharacterCodingException() {
          @Override
          public String getMessage() {
            return "not valid UTF-8: the input ends in the middle of a character";
          }
        };
      }
      return false;
    }
    bytesRead += read;
    if (bytesRead > maxBytes) {
      throw FileRefused.overLimit(FileErrors.quote(sourcePath) + " grew past the limit of " + maxBytes + " bytes while it was read");
    }
    in.flip();
    int limit = in.limit();
    int end = completeCharacters(limit);
    int i = upperCaseAscii(0, end);
    if (i == end) {
      // All ASCII, upper-cased where it lies: written from there, without a copy.
      write(in.limit(end));
      in.limit(limit);
    } else {
      copyToOut(0, i);
      while (i < end) {
        i = upperCaseText(i, otherTextEnd(i, end));
        int from = i;
        i = upperCaseAscii(from, end);
        if (out.remaining() < i - from) {
          flush();
        }
        copyToOut(from, i);
      }
      flush();
    }
    offset += end;
    in.position(end);
    in.compact();
    return true;
  }

  /** Where the complete characters end: after the last byte, unless that is inside a character. */
  private int completeCharacters(int limit) {
    // Only a lead byte in the last three can be missing some of its (at most three) followers.
    for (int i = limit - 1; i >= Math.max(0, limit - 3); i--) {
      byte b = in.get(i);
      if (b >= 0) {
        return limit;
      }
      if ((b & 0xC0) == 0xC0) {
        int length = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
        return limit - i >= length ? limit : i;
      }
    }
    return limit;
  }

  /** Upper-cases ASCII in place from {@code from} up to the first other byte; returns its index. */
  private int upperCaseAscii(int from, int end) {
    int i = from;
    for (; i + 8 <= end; i += 8) {
      long word = in.getLong(i);
      if ((word & HIGH_BITS) != 0) {
        break;
      }
      in.putLong(i, upperCaseAscii(word));
    }
    for (; i < end; i++) {
      byte b = in.get(i);
      if (b < 0) {
        break;
      }
      if (b >= 'a' && b <= 'z') {
        in.put(i, (byte) (b ^ 0x20));
      }
    }
    return i;
  }

  /**
   * Eight ASCII bytes upper-cased at once (SWAR). Adding 0x1F sets a byte's high bit from 'a' (0x61)
   * up, adding 0x05 from past 'z' (0x7B) up; no byte carries into the next, as none is above 0x7F.
   * Where the first is set and the second not, bit 0x20 is flipped: a-z becomes A-Z.
   */
  static long upperCaseAscii(long ascii) {
    long fromA = ascii + 0x1F1F1F1F1F1F1F1FL;
    long pastZ = ascii + 0x0505050505050505L;
    return ascii ^ ((fromA & ~pastZ & HIGH_BITS) >>> 2);
  }

  /**
   * Where the text starting at {@code from} gives way to ASCII again: the first of four words of eight
   * ASCII bytes in a row, or {@code end}. A word of ASCII starts a character. Shorter runs of ASCII stay
   * in the text: each stretch costs two copies, which for text such as "비동기 asyncio straße" cost
   * more than going through its ASCII a byte at a time.
   */
  private int otherTextEnd(int from, int end) {
    int asciiWords = 0;
    for (int i = from + 1; i + 8 <= end; i += 8) {
      if ((in.getLong(i) & HIGH_BITS) != 0) {
        asciiWords = 0;
      } else if (++asciiWords == 4) {
        return i - 24;
      }
    }
    return end;
  }

  /**
   * Decodes {@code [from, to)} a code point at a time, checking it is UTF-8 as strictly as the JDK's
   * decoder, and puts the UTF-8 of its upper case into {@code out}; returns {@code to}. Works on arrays,
   * which the JIT compiles to simpler code than byte-by-byte buffer calls.
   */
  private int upperCaseText(int from, int to) throws IOException {
    int length = to - from;
    if (text.length < length) {
      text = new byte[Math.max(length, Math.min(2 * text.length, in.capacity()))];
      upperText = new byte[3 * text.length];
    }
    in.get(from, text, 0, length);
    byte[] src = text;
    byte[] dst = upperText;
    int n = 0;
    int i = 0;
    while (i < length) {
      int b = src[i] & 0xFF;
      if (b < 0x80) {
        dst[n++] = (byte) (b >= 'a' && b <= 'z' ? b ^ 0x20 : b);
        i++;
        continue;
      }
      int bytes = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
      int codePoint = bytes == 0 || i + bytes > length ? -1 : b & (0x7F >> bytes);
      for (int k = 1; k < bytes && codePoint >= 0; k++) {
        int next = src[i + k];
        codePoint = (next & 0xC0) == 0x80 ? codePoint << 6 | next & 0x3F : -1;
      }
      // Overlong forms, surrogates and what lies past U+10FFFF are not UTF-8 either.
      if (codePoint < (bytes == 2 ? 0x80 : bytes == 3 ? 0x800 : 0x10000) || codePoint > 0x10FFFF
        || codePoint >= 0xD800 && codePoint <= 0xDFFF) {
        long at = offset + from + i;
        throw new CharacterCodingException() {
          @Override
          public String getMessage() {
            return "not valid UTF-8 near byte " + at;
          }
        };
      }
      int[] block = upperCases[codePoint >> 8];
      int upper = block == null ? 0 : block[codePoint & 0xFF];
      if (upper == 0) {
        upper = askJdk(codePoint);
      }
      if (upper > 0) {
        n = putUtf8(upper - 1, dst, n);
      } else {
        byte[] several = severalUpperCases.get(-upper - 1);
        System.arraycopy(several, 0, dst, n, several.length);
        n += several.length;
      }
      i += bytes;
    }
    if (out.remaining() < n) {
      flush();
    }
    out.put(dst, 0, n);
    return to;
  }

  /**
   * Asks the JDK for the upper case of {@code codePoint} and keeps it in {@link #upperCases}: one code
   * point plus one, or minus one less than its index in {@link #severalUpperCases} (ß: SS). Once per
   * code point: a String a character is too slow for text such as Korean, where each is one. Filling
   * whole blocks of 256 at once cost a cold JVM tens of milliseconds for Korean text, whose syllables
   * span 44 blocks.
   */
  private int askJdk(int codePoint) {
    int[] block = upperCases[codePoint >> 8];
    if (block == null) {
      block = new int[256];
      upperCases[codePoint >> 8] = block;
    }
    String upper = new String(Character.toChars(codePoint)).toUpperCase(Locale.ROOT);
    int known;
    if (upper.codePointCount(0, upper.length()) == 1) {
      known = upper.codePointAt(0) + 1;
    } else {
      severalUpperCases.add(upper.getBytes(StandardCharsets.UTF_8));
      known = -severalUpperCases.size();
    }
    block[codePoint & 0xFF] = known;
    return known;
  }

  private static int putUtf8(int codePoint, byte[] dst, int at) {
    if (codePoint < 0x80) {
      dst[at++] = (byte) codePoint;
    } else if (codePoint < 0x800) {
      dst[at++] = (byte) (0xC0 | codePoint >> 6);
      dst[at++] = (byte) (0x80 | codePoint & 0x3F);
    } else if (codePoint < 0x10000) {
      dst[at++] = (byte) (0xE0 | codePoint >> 12);
      dst[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
      dst[at++] = (byte) (0x80 | codePoint & 0x3F);
    } else {
      dst[at++] = (byte) (0xF0 | codePoint >> 18);
      dst[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
      dst[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
      dst[at++] = (byte) (0x80 | codePoint & 0x3F);
    }
    return at;
  }

  /** Copies {@code [from, to)} of {@code in} into {@code out}: in bulk, without a slice object a run. */
  private void copyToOut(int from, int to) {
    out.put(out.position(), in, from, to - from);
    out.position(out.position() + to - from);
  }

  private void flush() throws IOException {
    write(out.flip());
    out.clear();
  }

  private void write(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      target.write(buffer);
    }
  }
}
