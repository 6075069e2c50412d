package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;

import java.util.function.UnaryOperator;

/**
 * Transforms UTF-8 text files of any size with the Vert.x file system: read stream, transform, write
 * stream, with backpressure, never more than a chunk in memory.
 */
public final class TextFiles {

  /** Larger than AsyncFile's 8 KiB default: fewer, cheaper hops for big files, still constant memory. */
  static final int READ_BUFFER = 64 * 1024;
  private static final OpenOptions READ = new OpenOptions().setRead(true).setWrite(false).setCreate(false);

  private TextFiles() {
  }

  /** Writes {@code transform} of {@code source} to {@code target}, atomically; completes with the bytes read. */
  public static Future<Long> transform(Vertx vertx, String source, String target, UnaryOperator<String> transform) {
    FileSystem fs = vertx.fileSystem();
    return fs.props(source)
      .compose(props -> props.isDirectory()
        ? Future.<Long>failedFuture(new IllegalArgumentException("'" + source + "' is a folder, not a file"))
        : Future.succeededFuture(props.size()))
      .compose(size -> fs.open(source, READ).compose(in -> AtomicFiles
        .stream(vertx, target, out -> new TextTransformStream(in.setReadBufferSize(READ_BUFFER), transform).pipeTo(out))
        .eventually(in::close)
        .map(size)));
  }
}
