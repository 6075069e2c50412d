package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.ReadStream;

/**
 * The body of a 2xx response whose status and headers have arrived, held back (paused) until someone
 * says where it goes: so that whatever receives it (an open file) need only exist from then on.
 */
public final class IncomingBody {

  private final HttpClientResponse response;
  private final Watchdog watchdog;
  private final Runnable discard;
  private final long expectedBytes;
  private boolean received;
  private Throwable failure;

  /**
   * @param watchdog told when data arrives and when we stop or start reading, so that only the server's
   *                 silences count
   * @param discard  drops the rest of the body with its connection
   */
  IncomingBody(HttpClientResponse response, Watchdog watchdog, Runnable discard) {
    this.response = response;
    this.watchdog = watchdog;
    this.discard = discard;
    // A paused response still fails at once (a closed connection, a timeout), and with no handler the
    // failure would be lost and the pipe set later would wait for an end that never comes: keep it.
    response.exceptionHandler(failed -> failure = failed);
    String length = response.getHeader("content-length");
    this.expectedBytes = length != null && length.matches("\\d{1,18}") ? Long.parseLong(length) : -1;
  }

  public int status() {
    return response.statusCode();
  }

  /** The size the server announced (Content-Length), or -1 when it did not. */
  public long expectedBytes() {
    return expectedBytes;
  }

  /** Streams the body into {@code sink}, with backpressure; completes once the sink has ended. */
  public Future<Void> pipeTo(BodySink sink) {
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    if (expectedBytes >= 0) {
      sink.expect(expectedBytes);
    }
    return new Watched(response, watchdog).pipeTo(sink)
      .andThen(piped -> {
        // Closing and moving a file is no time to wait for the server.
        watchdog.hold();
        if (piped.succeeded()) {
          received = true;
        } else {
          // A failed pipe lets the rest of the body run on the wire (an endless one forever): reset now,
          // not once the file has been cleaned up.
          discard.run();
        }
      });
  }

  /** Whether the whole body was piped: if not, the rest is still on the wire and its connection must go. */
  boolean received() {
    return received;
  }

  /**
   * The response as the pipe sees it, telling the watchdog what happens: each chunk is the server heard
   * from, and the pipe's pause (the sink is full) stops the silence clock until its resume.
   */
  private static final class Watched implements ReadStream<Buffer> {

    private final HttpClientResponse response;
    private final Watchdog watchdog;

    Watched(HttpClientResponse response, Watchdog watchdog) {
      this.response = response;
      this.watchdog = watchdog;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      response.exceptionHandler(handler);
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
      response.handler(handler == null ? null : chunk -> {
        watchdog.heard(chunk.length());
        handler.handle(chunk);
      });
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      watchdog.hold();
      response.pause();
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      watchdog.listen();
      response.resume();
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      watchdog.listen();
      response.fetch(amount);
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
      response.endHandler(endHandler);
      return this;
    }
  }
}
