package io.asyncscenarios.io;

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
import java.util.concurrent.TimeoutException;

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
    this.limiter = new Limiter(options.concurrency());
  }

  /** Fetches {@code url} into {@code sink}; succeeds with the status code once the sink has ended. */
  public Future<Integer> fetch(String url, BodySink sink) {
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
      .compose(req -> req.send().compose(response -> receive(req, response, sink)))
      .recover(failure -> Future.failedFuture(reason(failure))));
  }

  private Future<Integer> receive(HttpClientRequest request, HttpClientResponse response, BodySink sink) {
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      discard(request, response);
      String why = status >= 300 && status < 400 && options.followRedirects()
        ? "HTTP " + status + " after " + options.maxRedirects() + " redirects (a redirect loop?)"
        : "HTTP " + status + " " + response.statusMessage();
      return Future.failedFuture(new FetchException(why));
    }
    String length = response.getHeader("content-length");
    if (length != null && length.matches("\\d{1,18}")) {
      sink.expect(Long.parseLong(length));
    }
    return response.pipeTo(sink)
      // A failed pipe leaves the rest of the body on the wire: reset, so the connection goes now.
      .onFailure(failure -> discard(request, response))
      .map(status);
  }

  /** Drops the rest of a body we will not read, closing its connection rather than draining it. */
  private static void discard(HttpClientRequest request, HttpClientResponse response) {
    // The reset fails the response with a StreamResetException we asked for: not worth a logged error.
    response.exceptionHandler(expected -> { });
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
    String message = failure.getMessage();
    return new FetchException(message == null || message.isBlank() ? failure.getClass().getSimpleName()
      : message.lines().findFirst().orElse(message));
  }

  public Future<Void> close() {
    return client.close();
  }
}
