package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.function.Function;

/**
 * One URL's fetch: its request, the redirects it follows, its body handed to a receiver, and its time
 * limits. Runs on the context that started it, from its first request to its last byte.
 */
final class Fetch<T> {

  /** A redirect's body up to this size is read to its end, so that its connection can serve the next hop. */
  private static final long DRAINED_REDIRECT_BYTES = 64 * 1024;

  private final HttpClientAgent client;
  private final HttpOptions options;
  private final Function<IncomingBody, Future<T>> onBody;
  private final Watchdog watchdog;
  private final Promise<T> result = Promise.promise();
  private URI first;
  // Made at the first redirect: most fetches have none.
  private Redirects redirects;
  // The request in flight, if any: the one a limit resets.
  private HttpClientRequest current;
  private FetchException expired;
  private int hops;

  Fetch(Vertx vertx, HttpClientAgent client, HttpOptions options, Function<IncomingBody, Future<T>> onBody) {
    this.client = client;
    this.options = options;
    this.onBody = onBody;
    this.watchdog = new Watchdog(vertx, options, this::expire);
  }

  Future<T> run(URI uri) {
    first = uri;
    watchdog.start();
    hop(uri).onComplete(outcome -> {
      watchdog.stop();
      if (outcome.succeeded()) {
        result.tryComplete(outcome.result());
      } else {
        // Whatever a limit's reset caused downstream (a reset stream, a failed pipe), the limit is the reason.
        result.tryFail(expired != null ? expired : Fetcher.reason(outcome.cause(), options));
      }
    });
    return result.future();
  }

  private Future<T> hop(URI uri) {
    current = null;
    // Connecting has a timeout of its own; what the server owes us starts once the request is written.
    watchdog.connecting();
    Future<HttpClientRequest> connected;
    try {
      connected = client.request(new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(uri.toString())
        .setFollowRedirects(false));
    } catch (RuntimeException e) {
      // What java.net.URI accepts and java.net.URL, which Vert.x parses with, may not: one line all the same.
      return Future.failedFuture(new FetchException("malformed URL: " + FetchException.shown(uri.toString())));
    }
    return connected.compose(req -> {
      // Every failure of the request also fails its response, which is where we report it; unhandled,
      // Vert.x would log it as an ERROR line too (a reset included: "Stream reset: 0").
      req.exceptionHandler(reported -> { });
      if (expired != null) {
        // A limit passed, or the task was cancelled, while this connection was being made: it is not used.
        req.reset();
        return Future.failedFuture(expired);
      }
      current = req;
      int hop = ++hops;
      // A confirmation that comes late, once this hop is over, must not restart the clock for another.
      req.end().onSuccess(written -> {
        if (hop == hops) {
          watchdog.awaitHead();
        }
      });
      return req.response().compose(response -> answered(uri, req, response));
    });
  }

  private Future<T> answered(URI uri, HttpClientRequest request, HttpClientResponse response) {
    watchdog.headArrived();
    int status = response.statusCode();
    if (status >= 200 && status <= 299) {
      return receive(request, response);
    }
    if (status < 300 || status > 399) {
      discard(request, response);
      return Future.failedFuture(new FetchException("HTTP " + status + " " + FetchException.shown(response.statusMessage())));
    }
    if (redirects == null) {
      redirects = new Redirects(options, first);
    }
    URI next;
    try {
      next = redirects.next(uri, status, FetchException.shown(response.statusMessage()), response.getHeader("location"));
    } catch (FetchException refused) {
      discard(request, response);
      return Future.failedFuture(refused);
    }
    return leave(request, response).compose(v -> hop(next));
  }

  /** Done with a redirect: a short body is read to its end, so its connection goes back to the pool. */
  private Future<Void> leave(HttpClientRequest request, HttpClientResponse response) {
    String length = response.getHeader("content-length");
    if (length == null || !length.matches("\\d{1,5}") || Long.parseLong(length) > DRAINED_REDIRECT_BYTES) {
      discard(request, response);
      return Future.succeededFuture();
    }
    response.handler(chunk -> watchdog.heard(chunk.length()));
    watchdog.listen();
    return response.end();
  }

  private Future<T> receive(HttpClientRequest request, HttpClientResponse response) {
    // Held back until onBody has somewhere to put it (opening a file takes a while): not a byte is lost.
    response.pause();
    IncomingBody body = new IncomingBody(response, watchdog, () -> discard(request, response));
    Future<T> done;
    try {
      done = onBody.apply(body);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    // Whatever is left on the wire would keep the connection busy: reset, so the connection goes now.
    return done.andThen(outcome -> {
      if (!body.received()) {
        discard(request, response);
      }
    });
  }

  /** Its task was cancelled: ended as a limit ends it. */
  void cancel() {
    expire(new FetchException("cancelled"));
  }

  /**
   * A limit ran out: the request in flight is reset, which closes its connection and fails whatever
   * waits on it (the head, the body's pipe, and so the receiver, which removes its file). Still
   * connecting, there is nothing to reset yet: the fetch fails now, and the connection, once made, goes.
   */
  private void expire(FetchException reason) {
    expired = reason;
    if (current != null) {
      current.reset(0, reason);
    } else {
      result.tryFail(reason);
    }
  }

  /** Drops the rest of a body we will not read, closing its connection rather than draining it. */
  private static void discard(HttpClientRequest request, HttpClientResponse response) {
    try {
      // The reset fails the response with a StreamResetException we asked for: not worth a logged error.
      response.exceptionHandler(expected -> { });
    } catch (IllegalStateException ended) {
      // The whole response has arrived already: nothing is left on the wire to drop.
      return;
    }
    request.reset();
  }
}
