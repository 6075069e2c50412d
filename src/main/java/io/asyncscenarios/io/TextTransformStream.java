package io.asyncscenarios.io;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * A {@link ReadStream} of UTF-8 text transformed piece by piece, e.g. upper-cased, on its way from a
 * source stream. Demand passes straight through to the source, so {@code pipeTo} keeps its
 * backpressure and the memory used stays that of one chunk whatever the size of the input.
 *
 * <p>The transform must map text piece by piece the way it maps the whole, as
 * {@code toUpperCase(Locale.ROOT)} does.
 */
public final class TextTransformStream implements ReadStream<Buffer> {

  private final ReadStream<Buffer> source;
  private final UnaryOperator<String> transform;
  private final UnaryOperator<byte[]> asciiTransform;
  private final Utf8Decoder decoder = new Utf8Decoder(true);
  private Handler<Buffer> handler;
  private Handler<Throwable> exceptionHandler;
  private boolean failed;

  public TextTransformStream(ReadStream<Buffer> source, UnaryOperator<String> transform) {
    this(source, transform, null);
  }

  /**
   * @param asciiTransform the same transform on the bytes of pure-ASCII text, in place, used for chunks
   *                       that are all ASCII: no decoding, no strings ({@code null} for none)
   */
  public TextTransformStream(ReadStream<Buffer> source, UnaryOperator<String> transform, UnaryOperator<byte[]> asciiTransform) {
    this.source = source;
    this.transform = transform;
    this.asciiTransform = asciiTransform;
  }

  @Override
  public TextTransformStream handler(Handler<Buffer> handler) {
    this.handler = handler;
    if (handler == null) {
      source.handler(null);
    } else {
      source.handler(this::chunk);
    }
    return this;
  }

  @Override
  public TextTransformStream endHandler(Handler<Void> endHandler) {
    if (endHandler == null) {
      source.endHandler(null);
    } else {
      source.endHandler(v -> {
        if (emit(decoder::finish)) {
          endHandler.handle(null);
        }
      });
    }
    return this;
  }

  private void chunk(Buffer chunk) {
    if (asciiTransform != null && !failed && !decoder.holdsPartialCharacter()) {
      byte[] bytes = chunk.getBytes();
      if (isAscii(bytes)) {
        decoder.skipAscii(bytes.length);
        handler.handle(Buffer.buffer(asciiTransform.apply(bytes)));
        return;
      }
    }
    emit(() -> decoder.decode(chunk));
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private interface Decoding {
    String next() throws CharacterCodingException;
  }

  private boolean emit(Decoding decoding) {
    if (failed) {
      return false;
    }
    try {
      String text = decoding.next();
      if (!text.isEmpty() && handler != null) {
        handler.handle(Buffer.buffer(transform.apply(text).getBytes(StandardCharsets.UTF_8)));
      }
      return true;
    } catch (CharacterCodingException e) {
      failed = true;
      source.handler(null);
      if (exceptionHandler != null) {
        exceptionHandler.handle(e);
      }
      return false;
    }
  }

  @Override
  public TextTransformStream exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    source.exceptionHandler(handler);
    return this;
  }

  @Override
  public TextTransformStream pause() {
    source.pause();
    return this;
  }

  @Override
  public TextTransformStream resume() {
    source.resume();
    return this;
  }

  @Override
  public TextTransformStream fetch(long amount) {
    source.fetch(amount);
    return this;
  }
}
