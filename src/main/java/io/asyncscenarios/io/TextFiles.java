package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Transforms UTF-8 text files of any size with the Vert.x file system: read stream, transform, write
 * stream, with backpressure, never more than a chunk in memory.
 */
public final class TextFiles {

  /** Larger than AsyncFile's 8 KiB default: fewer hops for big files, still constant memory (measured: 64 KiB and 1 MiB were slower). */
  static final int READ_BUFFER = 256 * 1024;
  static final int WRITE_QUEUE_CHUNKS = 4;
  private static final OpenOptions READ = new OpenOptions().setRead(true).setWrite(false).setCreate(false);

  /**
   * How much text goes to {@code String.toUpperCase} at once. The JDK grows its result by one copy for
   * every character that upper-cases to more than one (ß to SS), which is quadratic in the length of
   * what it is given; pieces this small keep that cost negligible.
   */
  static final int UPPER_CASE_PIECE = 512;

  private TextFiles() {
  }

  /** {@link #upperCase} for pure ASCII, in place: a-z to A-Z, which is all {@code Locale.ROOT} does there. */
  public static byte[] upperCaseAscii(byte[] ascii) {
    for (int i = 0; i < ascii.length; i++) {
      byte b = ascii[i];
      if (b >= 'a' && b <= 'z') {
        ascii[i] = (byte) (b - ('a' - 'A'));
      }
    }
    return ascii;
  }

  /** {@code text.toUpperCase(Locale.ROOT)}, in linear time whatever the text. */
  public static String upperCase(String text) {
    if (text.length() <= UPPER_CASE_PIECE) {
      return text.toUpperCase(Locale.ROOT);
    }
    StringBuilder upper = new StringBuilder(text.length() + 16);
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + UPPER_CASE_PIECE);
      // Upper-casing is per character in Locale.ROOT, so pieces give the same result, if no pair is split.
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      upper.append(text.substring(start, end).toUpperCase(Locale.ROOT));
      start = end;
    }
    return upper.toString();
  }

  /** Writes {@code transform} of {@code source} to {@code target}, atomically; completes with the bytes read. */
  public static Future<Long> transform(Vertx vertx, String source, String target, UnaryOperator<String> transform) {
    return transform(vertx, source, target, transform, null, READ_BUFFER);
  }

  /** Upper-cases {@code source} into {@code target}, pure-ASCII chunks on the fast path; completes with the bytes read. */
  public static Future<Long> upperCase(Vertx vertx, String source, String target) {
    return transform(vertx, source, target, TextFiles::upperCase, TextFiles::upperCaseAscii, READ_BUFFER);
  }

  static Future<Long> transform(Vertx vertx, String source, String target, UnaryOperator<String> transform,
                                UnaryOperator<byte[]> asciiTransform, int readBufferSize) {
    FileSystem fs = vertx.fileSystem();
    return fs.props(source)
      .compose(props -> props.isDirectory()
        ? Future.<Long>failedFuture(new IllegalArgumentException("'" + source + "' is a folder, not a file"))
        : Future.succeededFuture(props.size()))
      .compose(size -> fs.open(source, READ).compose(in -> AtomicFiles
        .stream(vertx, target, out -> new TextTransformStream(in.setReadBufferSize(readBufferSize), transform, asciiTransform)
          // AsyncFile's write queue is full at 128 KiB: with one chunk in it the pipe stops reading until it
          // drains. Room for a few chunks lets reading and writing overlap; memory stays a few chunks.
          .pipeTo(out.setWriteQueueMaxSize(WRITE_QUEUE_CHUNKS * readBufferSize)))
        .eventually(in::close)
        .map(size)));
  }
}
