package io.asyncscenarios.io;

import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Writes files so that readers only ever see the old content or the whole new content: the data goes to
 * a temporary file in the same folder, which is then moved over the target in one atomic step. On any
 * failure the temporary file is removed and the target is left as it was.
 */
public final class AtomicFiles {

  /** Temporary files are hidden and end with this, so they are easy to tell from finished ones (see {@link TempFiles}). */
  public static final String TEMP_SUFFIX = TempFiles.SUFFIX;
  private static final CopyOptions ATOMIC_REPLACE = new CopyOptions().setAtomicMove(true).setReplaceExisting(true);
  // What we write is meant to be read like any other file (a temporary file would be owner-only).
  private static final String PERMISSIONS = "rw-r--r--";
  // Created by this very open, never an existing file: one file system call where createTempFile and
  // open made two (it counts, at 20,000 downloads). CREATE_NEW is O_CREAT|O_EXCL, which by POSIX fails on
  // any existing name, a symbolic link included, dangling or not: a link planted at the temporary name
  // makes the open fail, it is never followed (the JDK adds no O_NOFOLLOW here because O_EXCL suffices).
  private static final OpenOptions CREATE_NEW = new OpenOptions().setWrite(true).setCreateNew(true).setPerms(PERMISSIONS);

  private AtomicFiles() {
  }

  public static Future<Void> write(Vertx vertx, String target, Buffer data) {
    return stream(vertx, target, file -> file.end(data));
  }

  /** What writes a file's content on a worker thread. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * {@link #write} for a worker thread, streaming: {@code content} writes to the temporary file, which
   * is then moved over {@code target}. Blocking: never call it on an event loop.
   */
  public static void writeBlocking(Path target, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path temp = TempFiles.beside(absolute);
    // CREATE_NEW before try: a name that exists is not ours to delete.
    OutputStream file = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      try (OutputStream out = new BufferedOutputStream(file, 1 << 16)) {
        content.writeTo(out);
      }
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(PERMISSIONS));
      } catch (UnsupportedOperationException notPosix) {
        // A file system without POSIX permissions: the file keeps what it was made with.
      }
      Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /** Closes a file the writer may have ended already (pipeTo and end do); AsyncFile throws on a second close. */
  private static Future<Void> closeIfOpen(AsyncFile file) {
    try {
      return file.close();
    } catch (IllegalStateException alreadyClosed) {
      return Future.succeededFuture();
    }
  }

  /** A writer that throws has failed like one whose future failed: the file must still be cleaned up. */
  private static Future<?> write(Function<AsyncFile, Future<?>> writer, AsyncFile file) {
    try {
      return writer.apply(file);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Streams into {@code target}: {@code writer} gets the open temporary file and completes when it has
   * written everything; the file is then closed and moved into place. The current task, if any, is
   * recorded waiting on the file ({@code file write <name>}) until then.
   */
  public static Future<Void> stream(Vertx vertx, String target, Function<AsyncFile, Future<?>> writer) {
    FileSystem fs = vertx.fileSystem();
    Path path = Path.of(target).toAbsolutePath();
    String temp = TempFiles.beside(path).toString();
    return Tasks.waitOn("file", "write " + nameOf(path), () -> fs.open(temp, CREATE_NEW)
      .compose(file -> write(writer, file)
        .compose(v -> closeIfOpen(file))
        .recover(failure -> closeIfOpen(file).otherwiseEmpty().compose(v -> Future.failedFuture(failure)))
        .compose(v -> fs.move(temp, path.toString(), ATOMIC_REPLACE))
        .recover(failure -> discard(fs, temp).compose(v -> Future.failedFuture(failure)))));
  }

  /** A file's own name, as a task's wait names it: the folders would only make the line long. */
  static String nameOf(Path path) {
    Path name = path.getFileName();
    return name == null ? path.toString() : name.toString();
  }

  /**
   * Replaces {@code target} with what {@code writer} writes into the (empty, existing) temporary file
   * whose path it gets; the writer has closed the file when its future completes. Completes with the
   * writer's value. The current task, if any, is recorded waiting on the file ({@code file write <name>}).
   */
  public static <T> Future<T> replace(Vertx vertx, String target, Function<String, Future<T>> writer) {
    FileSystem fs = vertx.fileSystem();
    Path path = Path.of(target).toAbsolutePath();
    String temp = TempFiles.beside(path).toString();
    return Tasks.waitOn("file", "write " + nameOf(path), () -> fs.open(temp, CREATE_NEW)
      .compose(file -> file.close()
        .compose(v -> {
          try {
            return writer.apply(temp);
          } catch (RuntimeException e) {
            return Future.<T>failedFuture(e);
          }
        })
        .compose(value -> fs.move(temp, path.toString(), ATOMIC_REPLACE).map(value))
        .recover(failure -> discard(fs, temp).compose(v2 -> Future.<T>failedFuture(failure)))));
  }

  /**
   * Deletes a temporary file whose writing failed or was cancelled; completes either way. When Vert.x is
   * closing its worker pool takes no more calls: the file is then deleted here, one quick call, rather
   * than left behind.
   */
  private static Future<Void> discard(FileSystem fs, String temp) {
    try {
      return fs.delete(temp).otherwiseEmpty();
    } catch (RejectedExecutionException closing) {
      try {
        Files.deleteIfExists(Path.of(temp));
      } catch (IOException e) {
        // Nothing more can be done while the process exits.
      }
      return Future.succeededFuture();
    }
  }
}
