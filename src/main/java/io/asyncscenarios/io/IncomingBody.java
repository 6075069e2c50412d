package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;

/**
 * The body of a 2xx response whose status and headers have arrived, held back (paused) until someone
 * says where it goes: so that whatever receives it (an open file) need only exist from then on.
 */
public final class IncomingBody {

  private final HttpClientResponse response;
  private final Runnable discard;
  private final long expectedBytes;
  private boolean received;
  private Throwable failure;

  /** @param discard drops the rest of the body with its connection */
  IncomingBody(HttpClientResponse response, Runnable discard) {
    this.response = response;
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
    return response.pipeTo(sink)
      .andThen(piped -> {
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
}
