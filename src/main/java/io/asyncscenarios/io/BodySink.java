package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;


/**
 * Where a response body goes: counted in bytes and in decoded characters (as {@code len(await
 * response.text())} would count them), refused past a size limit, and passed on to a file when there is
 * one. Nothing is buffered beyond the chunk in hand.
 */
public final class BodySink implements WriteStream<Buffer> {

  private final WriteStream<Buffer> target;
  private final long maxBytes;
  private long bytes;
  private long chars;
  private volatile long expectedBytes = -1;
  // Once refused or ended, chunks already on their way must not reach a target that may be closed by now.
  private boolean refused;
  private boolean ended;

  private BodySink(WriteStream<Buffer> target, long maxBytes) {
    this.target = target;
    this.maxBytes = maxBytes;
  }

  /** Counts the body and drops it. */
  public static BodySink counting(long maxBytes) {
    return new BodySink(null, maxBytes);
  }

  /** Counts the body and writes it to {@code target}, ending it with the body. */
  public static BodySink into(WriteStream<Buffer> target, long maxBytes) {
    return new BodySink(target, maxBytes);
  }

  public long bytes() {
    return bytes;
  }

  /** The size the server announced (Content-Length), or -1 when it did not. */
  public long expectedBytes() {
    return expectedBytes;
  }

  void expect(long bytes) {
    expectedBytes = bytes;
  }

  public long chars() {
    return chars;
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (refused || ended) {
      return Future.failedFuture(new IllegalStateException("the body was already refused or ended"));
    }
    if (bytes + data.length() > maxBytes) {
      refused = true;
      return Future.failedFuture(new BodyTooLargeException(maxBytes));
    }
    bytes += data.length();
    chars += codePoints(data);
    return target == null ? Future.succeededFuture() : target.write(data);
  }

  /**
   * Characters as Python's {@code len()} counts them, code points (an emoji, 4 bytes in UTF-8 and two
   * UTF-16 units in Java, is one), counted on the bytes as they go by without decoding: every byte but
   * the continuation bytes ({@code 10xxxxxx}) starts a character. Exact for UTF-8, however a character
   * is split between chunks; of malformed bytes, only the continuation bytes go uncounted, where
   * Python's strict decoding would fail.
   */
  private static long codePoints(Buffer data) {
    int length = data.length();
    long continuations = 0;
    int i = 0;
    // Eight bytes at a time: a continuation byte is the one whose top bit is set and next bit clear.
    for (; i + 8 <= length; i += 8) {
      long bytes = data.getLong(i);
      continuations += Long.bitCount(bytes & ~(bytes << 1) & 0x8080808080808080L);
    }
    for (; i < length; i++) {
      if ((data.getByte(i) & 0xC0) == 0x80) {
        continuations++;
      }
    }
    return length - continuations;
  }

  @Override
  public Future<Void> end() {
    if (ended) {
      return Future.succeededFuture();
    }
    ended = true;
    return target == null ? Future.succeededFuture() : target.end();
  }

  @Override
  public BodySink exceptionHandler(Handler<Throwable> handler) {
    if (target != null) {
      target.exceptionHandler(handler);
    }
    return this;
  }

  @Override
  public BodySink setWriteQueueMaxSize(int maxSize) {
    if (target != null) {
      target.setWriteQueueMaxSize(maxSize);
    }
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return !refused && !ended && target != null && target.writeQueueFull();
  }

  @Override
  public BodySink drainHandler(Handler<Void> handler) {
    if (target != null) {
      target.drainHandler(handler);
    }
    return this;
  }
}
