package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;

import java.nio.file.Path;

/**
 * Writes files so that readers only ever see the old content or the whole new content: the data goes to
 * a temporary file in the same folder, which is then moved over the target in one atomic step. On any
 * failure the temporary file is removed and the target is left as it was.
 */
public final class AtomicFiles {

  private static final CopyOptions ATOMIC_REPLACE = new CopyOptions().setAtomicMove(true).setReplaceExisting(true);

  private AtomicFiles() {
  }

  public static Future<Void> write(Vertx vertx, String target, Buffer data) {
    FileSystem fs = vertx.fileSystem();
    Path path = Path.of(target).toAbsolutePath();
    // Same folder as the target: a move across file systems could not be atomic.
    return fs.createTempFile(path.getParent().toString(), "." + path.getFileName() + ".", ".tmp", (String) null)
      .compose(temp -> fs.writeFile(temp, data)
        .compose(v -> fs.move(temp, path.toString(), ATOMIC_REPLACE))
        .recover(failure -> fs.delete(temp).otherwiseEmpty().compose(v -> Future.failedFuture(failure))));
  }
}
