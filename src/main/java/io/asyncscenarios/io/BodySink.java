package io.asyncscenarios.io;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.WriteStream;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;


/**
 * Where a response body goes: counted in bytes and in decoded characters (as {@code len(await
 * response.text())} would count them), refused past a size limit, and passed on to a file when there is
 * one. Nothing is buffered beyond the chunk in hand.
 */
public final class BodySink implements WriteStream<Buffer> {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
    // BufferInternal is internal, and the only way to read the bytes in place: Buffer's own getters check
    // the buffer's reference count at every call, which cost more than the counting itself.
    ByteBuf bytes = ((BufferInternal) data).getByteBuf();
    return bytes.hasArray()
      ? codePoints(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes())
      : codePoints(data.getBytes(), 0, data.length());
  }

  private static long codePoints(byte[] bytes, int from, int length) {
    long continuations = 0;
    int i = from;
    int end = from + length;
    // Eight bytes at a time: a continuation byte is the one whose top bit is set and next bit clear.
    for (; i + 8 <= end; i += 8) {
      long eight = (long) LONGS.get(bytes, i);
      continuations += Long.bitCount(eight & ~(eight << 1) & 0x8080808080808080L);
    }
    for (; i < end; i++) {
      if ((bytes[i] & 0xC0) == 0x80) {
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
