package io.asyncscenarios.io;

import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.BooleanSupplier;

/**
 * Upper-cases UTF-8 text files of any size at constant memory, writing the result atomically.
 */
public final class TextFiles {

  /** Read, upper-cased and written at once; a worker call does several (measured: see the README). */
  static final int CHUNK = 256 * 1024;
  /** The largest input read unless told otherwise: 1 GiB, a few seconds' work at the measured speed. */
  public static final long DEFAULT_MAX_INPUT = 1L << 30;

  private TextFiles() {
  }

  /** Upper-cases {@code source} into {@code target}, atomically; completes with the bytes read. */
  public static Future<Long> upperCase(Vertx vertx, String source, String target) {
    return upperCase(vertx, source, target, DEFAULT_MAX_INPUT, () -> false);
  }

  /** {@link #upperCase(Vertx, String, String, long, BooleanSupplier)} with the default limit. */
  public static Future<Long> upperCase(Vertx vertx, String source, String target, BooleanSupplier cancelled) {
    return upperCase(vertx, source, target, DEFAULT_MAX_INPUT, cancelled);
  }

  /**
   * Upper-cases {@code source} into {@code target}, atomically, as {@code toUpperCase(Locale.ROOT)} of
   * its text would; input that is not UTF-8 fails. The source must be a regular file of at most
   * {@code maxBytes}, and reading stops there should it grow meanwhile: a device, a pipe or a file being
   * appended to without end would otherwise fill the disk ({@link FileRefused}). Before every chunk it asks
   * {@code cancelled}, on a worker thread, and stops when it says so, failing with a
   * {@link java.util.concurrent.CancellationException}; a failed or cancelled run leaves the target as
   * it was. Completes with the bytes read.
   */
  public static Future<Long> upperCase(Vertx vertx, String source, String target, long maxBytes, BooleanSupplier cancelled) {
    return upperCase(vertx, source, target, cancelled, CHUNK, maxBytes);
  }

  static Future<Long> upperCase(Vertx vertx, String source, String target, BooleanSupplier cancelled, int chunkSize) {
    return upperCase(vertx, source, target, cancelled, chunkSize, DEFAULT_MAX_INPUT);
  }

  static Future<Long> upperCase(Vertx vertx, String source, String target, BooleanSupplier cancelled, int chunkSize, long maxBytes) {
    // The current task waits on the whole transform; the writing of the target shows as a wait inside it.
    return Tasks.waitOn("file", "upper-case " + AtomicFiles.nameOf(Path.of(source)), () ->
      // Checked before anything opens it: opening a named pipe blocks until someone writes into it.
      vertx.executeBlocking(() -> checkInput(Path.of(source), maxBytes), false)
        .compose(size -> AtomicFiles.replace(vertx, target, temp -> ChunkedUpperCase.run(vertx, source, temp, chunkSize, maxBytes, cancelled))));
  }

  /**
   * The size of {@code source}, a regular file (or a link to one: the input is the user's choice) of at
   * most {@code maxBytes}; else fails with {@link FileRefused}. Blocking.
   */
  public static long checkInput(Path source, long maxBytes) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(source, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw new FileRefused(FileErrors.quote(source) + " is " + kind(source, attributes) + ", not a regular file: give a regular file");
    }
    if (attributes.size() > maxBytes) {
      throw FileRefused.overLimit(FileErrors.quote(source) + " is " + attributes.size() + " bytes, over the limit of " + maxBytes + " bytes");
    }
    return attributes.size();
  }

  private static String kind(Path path, BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return "a folder";
    }
    try {
      // The JDK's "unix" view (Linux, macOS) has the file type bits that BasicFileAttributes sums up as "other".
      int type = (Integer) Files.getAttribute(path, "unix:mode") & 0170000;
      return switch (type) {
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0010000 -> "a named pipe";
        case 0140000 -> "a socket";
        default -> "something else";
      };
    } catch (IOException | RuntimeException noUnixView) {
      return "something else";
    }
  }
}
