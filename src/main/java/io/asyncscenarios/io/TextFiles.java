package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.function.BooleanSupplier;

/**
 * Upper-cases UTF-8 text files of any size at constant memory, writing the result atomically.
 */
public final class TextFiles {

  /** Read, upper-cased and written at once; a worker call does several (measured: see the README). */
  static final int CHUNK = 256 * 1024;

  private TextFiles() {
  }

  /** Upper-cases {@code source} into {@code target}, atomically; completes with the bytes read. */
  public static Future<Long> upperCase(Vertx vertx, String source, String target) {
    return upperCase(vertx, source, target, () -> false);
  }

  /**
   * Upper-cases {@code source} into {@code target}, atomically, as {@code toUpperCase(Locale.ROOT)} of
   * its text would; input that is not UTF-8 fails. Before every chunk it asks {@code cancelled}, on a
   * worker thread, and stops when it says so, failing with a
   * {@link java.util.concurrent.CancellationException}; a failed or cancelled run leaves the target as
   * it was. Completes with the bytes read.
   */
  public static Future<Long> upperCase(Vertx vertx, String source, String target, BooleanSupplier cancelled) {
    return upperCase(vertx, source, target, cancelled, CHUNK);
  }

  static Future<Long> upperCase(Vertx vertx, String source, String target, BooleanSupplier cancelled, int chunkSize) {
    return vertx.fileSystem().props(source)
      .compose(props -> props.isDirectory()
        ? Future.<Long>failedFuture(new IllegalArgumentException("'" + source + "' is a folder, not a file"))
        : AtomicFiles.replace(vertx, target, temp -> ChunkedUpperCase.run(vertx, source, temp, chunkSize, cancelled)));
  }
}
