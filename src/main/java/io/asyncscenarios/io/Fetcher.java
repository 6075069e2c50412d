package io.asyncscenarios.io;

import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * GETs URLs with one shared HTTP client, the way an {@code aiohttp.ClientSession} does, and streams each
 * body into a {@link BodySink}. Every failure ends as a {@link FetchException} with a one-line reason.
 *
 * <p>Built on the core {@link io.vertx.core.http.HttpClient} rather than WebClient: a body over the size
 * limit must be cut off by resetting its connection, and only the core client hands us the request to
 * reset. (WebClient's streaming codec keeps draining a body whose sink failed, so an endless body would
 * hold its connection forever.)
 */
public final class Fetcher {

  private final HttpOptions options;
  private final HttpClientAgent client;
  private final Limiter limiter;

  public Fetcher(Vertx vertx, HttpOptions options) {
    this.options = options;
    this.client = vertx.createHttpClient(
      new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.timeoutMs()))
        .setMaxRedirects(options.maxRedirects()),
      new PoolOptions().setHttp1MaxSize(options.concurrency()));
    this.limiter = new Limiter(vertx, options.concurrency());
  }

  /** Fetches {@code url} into {@code sink}; succeeds with the status code once the sink has ended. */
  public Future<Integer> fetch(String url, BodySink sink) {
    return fetch(url, body -> body.pipeTo(sink).map(v -> body.status()));
  }

  /**
   * Fetches {@code url} and, once a 2xx status and the headers have arrived, hands its body to
   * {@code onBody}, which says where the body goes and completes when it is done with it. All of this
   * holds one of the {@code http.concurrency} permits, so whatever {@code onBody} opens (a file) exists
   * only for the permit's holders: what a download holds is bounded by the concurrency, not by the
   * number of URLs. A body {@code onBody} did not take whole is cut off with its connection.
   */
  public <T> Future<T> fetch(String url, Function<IncomingBody, Future<T>> onBody) {
    RequestOptions request;
    try {
      request = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(checked(url))
        .setFollowRedirects(options.followRedirects())
        .setIdleTimeout(options.timeoutMs());
    } catch (FetchException e) {
      return Future.failedFuture(e);
    }
    return limiter.submit(() -> client.request(request)
      .compose(req -> exchange(req, onBody))
      .recover(failure -> Future.failedFuture(reason(failure))));
  }

  /**
   * Sends the request and receives its answer. If the task that asked is cancelled meanwhile, the request
   * is reset: its connection goes, and whatever was receiving the body (a file) fails, cleans up and lets
   * the permit go, at once rather than at the next byte or the next timeout.
   */
  private <T> Future<T> exchange(HttpClientRequest request, Function<IncomingBody, Future<T>> onBody) {
    return Tasks.onCancel(request.send().compose(response -> receive(request, response, onBody)),
      () -> request.reset(0, new CancellationException("cancelled")));
  }

  private <T> Future<T> receive(HttpClientRequest request, HttpClientResponse response,
                                Function<IncomingBody, Future<T>> onBody) {
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      discard(request, response);
      String why = status >= 300 && status < 400 && options.followRedirects()
        ? "HTTP " + status + " after " + options.maxRedirects() + " redirects (a redirect loop?)"
        : "HTTP " + status + " " + response.statusMessage();
      return Future.failedFuture(new FetchException(why));
    }
    // Held back until onBody has somewhere to put it (opening a file takes a while): not a byte is lost.
    response.pause();
    IncomingBody body = new IncomingBody(response, () -> discard(request, response));
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

  static String checked(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new FetchException("malformed URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException("unsupported scheme '" + scheme + "' (only http and https)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new FetchException("malformed URL: no host");
    }
    return url;
  }

  static FetchException reason(Throwable failure) {
    if (failure instanceof FetchException e) {
      return e;
    }
    if (failure instanceof BodyTooLargeException) {
      return new FetchException(failure.getMessage());
    }
    if (failure instanceof TimeoutException) {
      return new FetchException("timed out: no data for the configured http.timeoutMs");
    }
    if (failure instanceof ConnectException || failure.getCause() instanceof ConnectException) {
      return new FetchException("connection refused");
    }
    if (failure instanceof UnknownHostException) {
      return new FetchException("unknown host " + failure.getMessage());
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.nio.file.FileSystemException) {
        // Where the body was going failed (a download's file): say which file and why.
        return new FetchException(FileErrors.describe(failure));
      }
    }
    String message = failure.getMessage();
    return new FetchException(message == null || message.isBlank() ? failure.getClass().getSimpleName()
      : message.lines().findFirst().orElse(message));
  }

  public Future<Void> close() {
    return client.close();
  }
}
