package io.asyncscenarios.io;

import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Bounds one URL's fetch in time: a deadline for the whole of it, redirects and body included
 * ({@code http.deadlineMs}), and a limit on each silence of the server ({@code http.timeoutMs}).
 *
 * <p>Vert.x's own request idle timeout ({@code RequestOptions.setIdleTimeout}) is cancelled as soon as
 * the response's headers arrive ({@code HttpClientRequestBase.handleResponse} in 5.0.10), so a body that
 * stalls after them would wait forever: hence this. The silence clock runs only while we are waiting for
 * the server: not while connecting (the connect timeout covers that), and not while we hold the body
 * back ourselves (a file still opening, a slow disk pushing back), which is no fault of the server's.
 *
 * <p>Used from the context of the fetch alone, so it needs no locking. One timer per limit, each
 * rescheduled at most once per period rather than once per chunk: a chunk costs one clock read.
 */
final class Watchdog {

  enum Phase { CONNECTING, AWAITING_HEAD, BODY }

  private final Vertx vertx;
  private final long timeoutMs;
  private final long deadlineMs;
  private final Consumer<FetchException> onExpiry;
  private long deadlineTimer = -1;
  private long silenceTimer = -1;
  private Phase phase = Phase.CONNECTING;
  private boolean listening;
  private long lastHeard;
  private long bytesHeard;
  private boolean over;

  Watchdog(Vertx vertx, HttpOptions options, Consumer<FetchException> onExpiry) {
    this.vertx = vertx;
    this.timeoutMs = options.timeoutMs();
    this.deadlineMs = options.deadlineMs();
    this.onExpiry = onExpiry;
  }

  /** Starts the deadline; the silence clock waits for {@link #awaitHead()}. */
  void start() {
    deadlineTimer = vertx.setTimer(deadlineMs, id -> {
      deadlineTimer = -1;
      expire(new FetchException("deadline: the whole fetch took over http.deadlineMs (" + deadlineMs + " ms)"));
    });
  }

  /** A request is on its way (a redirect's next hop included): nothing is owed by the server yet. */
  void connecting() {
    phase = Phase.CONNECTING;
    bytesHeard = 0;
    hold();
  }

  /** The request has been written: from now on the server owes us its response's head. */
  void awaitHead() {
    // The head may have come before the write was confirmed: then the body's phase has begun already.
    if (phase == Phase.CONNECTING) {
      phase = Phase.AWAITING_HEAD;
      listen();
    }
  }

  /** The head has arrived; the body is held back until its receiver is ready. */
  void headArrived() {
    phase = Phase.BODY;
    hold();
  }

  /** We stopped reading (a connection being set up, a receiver not ready): no silence counts meanwhile. */
  void hold() {
    listening = false;
  }

  /** We read again: the server's silence counts from now. */
  void listen() {
    if (over) {
      return;
    }
    listening = true;
    lastHeard = System.nanoTime();
    if (silenceTimer == -1) {
      silenceTimer = vertx.setTimer(timeoutMs, id -> checkSilence());
    }
  }

  /** Data arrived from the server. */
  void heard(int bytes) {
    lastHeard = System.nanoTime();
    bytesHeard += bytes;
  }

  /** The fetch is over, whatever its outcome: the timers go. */
  void stop() {
    over = true;
    if (deadlineTimer != -1) {
      vertx.cancelTimer(deadlineTimer);
      deadlineTimer = -1;
    }
    if (silenceTimer != -1) {
      vertx.cancelTimer(silenceTimer);
      silenceTimer = -1;
    }
  }

  private void checkSilence() {
    silenceTimer = -1;
    if (over) {
      return;
    }
    if (!listening) {
      // Looked at again a period later: listen() starts the clock afresh anyway.
      silenceTimer = vertx.setTimer(timeoutMs, id -> checkSilence());
      return;
    }
    long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeard);
    if (silentMs < timeoutMs) {
      silenceTimer = vertx.setTimer(timeoutMs - silentMs, id -> checkSilence());
      return;
    }
    expire(new FetchException(phase == Phase.BODY
      ? "timed out: no data for http.timeoutMs (" + timeoutMs + " ms) mid-body, after " + bytesHeard + " bytes"
      : "timed out: no response for http.timeoutMs (" + timeoutMs + " ms) after the request was sent"));
  }

  private void expire(FetchException reason) {
    if (over) {
      return;
    }
    stop();
    onExpiry.accept(reason);
  }
}
