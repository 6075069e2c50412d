package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Writes files so that readers only ever see the old content or the whole new content: the data goes to
 * a temporary file in the same folder, which is then moved over the target in one atomic step. On any
 * failure the temporary file is removed and the target is left as it was.
 */
public final class AtomicFiles {

  /** Temporary files are hidden and end with this, so they are easy to tell from finished ones. */
  public static final String TEMP_SUFFIX = ".tmp";
  private static final CopyOptions ATOMIC_REPLACE = new CopyOptions().setAtomicMove(true).setReplaceExisting(true);
  // createTempFile makes owner-only files; what we write is meant to be read like any other file.
  private static final String PERMISSIONS = "rw-r--r--";
  private static final OpenOptions WRITE = new OpenOptions().setWrite(true).setTruncateExisting(true);

  private AtomicFiles() {
  }

  public static Future<Void> write(Vertx vertx, String target, Buffer data) {
    return stream(vertx, target, file -> file.end(data));
  }

  /** Closes a file the writer may have ended already (pipeTo and end do); AsyncFile throws on a second close. */
  private static Future<Void> closeIfOpen(AsyncFile file) {
    try {
      return file.close();
    } catch (IllegalStateException alreadyClosed) {
      return Future.succeededFuture();
    }
  }

  /**
   * Streams into {@code target}: {@code writer} gets the open temporary file and completes when it has
   * written everything; the file is then closed and moved into place.
   */
  public static Future<Void> stream(Vertx vertx, String target, Function<AsyncFile, Future<?>> writer) {
    return replace(vertx, target, temp -> vertx.fileSystem().open(temp, WRITE)
      .compose(file -> writer.apply(file)
        .compose(v -> closeIfOpen(file))
        .recover(failure -> closeIfOpen(file).otherwiseEmpty().compose(v -> Future.<Void>failedFuture(failure)))));
  }

  /**
   * Replaces {@code target} with what {@code writer} writes into the (empty, existing) temporary file
   * whose path it gets; the writer has closed the file when its future completes. Completes with the
   * writer's value.
   */
  public static <T> Future<T> replace(Vertx vertx, String target, Function<String, Future<T>> writer) {
    FileSystem fs = vertx.fileSystem();
    Path path = Path.of(target).toAbsolutePath();
    // Same folder as the target: a move across file systems could not be atomic.
    return fs.createTempFile(path.getParent().toString(), "." + path.getFileName() + ".", TEMP_SUFFIX, PERMISSIONS)
      .compose(temp -> writer.apply(temp)
        .compose(value -> fs.move(temp, path.toString(), ATOMIC_REPLACE).map(value))
        .recover(failure -> fs.delete(temp).otherwiseEmpty().compose(v -> Future.<T>failedFuture(failure))));
  }
}
