package io.asyncscenarios.io;

import io.asyncscenarios.task.Tasks;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * GETs URLs with one shared HTTP client, the way an {@code aiohttp.ClientSession} does, and streams each
 * body into a {@link BodySink}. Every failure ends as a {@link FetchException} with a one-line reason,
 * and every fetch is bounded in time (see {@link Watchdog}).
 *
 * <p>Built on the core {@link io.vertx.core.http.HttpClient} rather than WebClient: a body over the size
 * limit must be cut off by resetting its connection, and only the core client hands us the request to
 * reset. (WebClient's streaming codec keeps draining a body whose sink failed, so an endless body would
 * hold its connection forever.)
 */
public final class Fetcher {

  private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
  private static final int MAX_PORT = 65_535;

  private final Vertx vertx;
  private final HttpOptions options;
  private final boolean debug;
  private final HttpClientAgent client;
  private final Limiter limiter;

  public Fetcher(Vertx vertx, HttpOptions options) {
    this(vertx, options, false);
  }

  /** @param debug whether the connection errors behind a URL's reason are logged as warnings too */
  public Fetcher(Vertx vertx, HttpOptions options, boolean debug) {
    this.vertx = vertx;
    this.options = options;
    this.debug = debug;
    this.client = vertx.httpClientBuilder()
      .with(new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.timeoutMs()))
        // Netty's default handshake timeout is 10 s whatever http.timeoutMs says.
        .setSslHandshakeTimeout(options.timeoutMs())
        .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS))
      .with(new PoolOptions().setHttp1MaxSize(options.concurrency()))
      .withConnectHandler(this::watch)
      .build();
    this.limiter = new Limiter(vertx, options.concurrency());
  }

  /** Fetches {@code url} into {@code sink}; succeeds with the status code once the sink has ended. */
  public Future<Integer> fetch(String url, BodySink sink) {
    return fetch(url, body -> body.pipeTo(sink).map(v -> body.status()));
  }

  /**
   * Fetches {@code url}, following redirects, and, once a 2xx status and the headers have arrived, hands
   * its body to {@code onBody}, which says where the body goes and completes when it is done with it. All
   * of this holds one of the {@code http.concurrency} permits, so whatever {@code onBody} opens (a file)
   * exists only for the permit's holders: what a download holds is bounded by the concurrency, not by the
   * number of URLs. A body {@code onBody} did not take whole is cut off with its connection, and so is one
   * whose fetch outlives {@code http.deadlineMs} or whose server falls silent for {@code http.timeoutMs}.
   * The current task, if any, is recorded waiting on it ({@code http <url>}) until then.
   */
  public <T> Future<T> fetch(String url, Function<IncomingBody, Future<T>> onBody) {
    URI uri;
    try {
      uri = checked(url);
    } catch (FetchException e) {
      return Future.failedFuture(e);
    }
    // The current task waits on the response from now, its turn in the limiter's queue included.
    return Tasks.waitOn("http", url, () -> limiter.submit(() -> {
      Fetch<T> fetch = new Fetch<>(vertx, client, options, onBody);
      // A cancelled task's fetch ends now, its connection and file released, not at its next limit.
      return Tasks.onCancel(fetch.run(uri), fetch::cancel);
    }));
  }

  /**
   * Gives each connection a handler for its failures. Each failure also fails the request on the
   * connection, which reports it as that URL's reason; without a handler Vert.x logs it once more, as an
   * ERROR line of {@code ConnectionBase} beside ours ("invalid version format", "HTTP header is larger
   * than 8192 bytes", "Connection reset").
   */
  private void watch(HttpConnection connection) {
    connection.exceptionHandler(failure -> {
      if (debug) {
        LOG.warn("connection to {}: {}", connection.remoteAddress(), failure.toString());
      } else {
        LOG.debug("connection to {}: {}", connection.remoteAddress(), failure.toString());
      }
    });
  }

  static URI checked(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new FetchException("malformed URL: " + e.getReason());
    }
    Unfetchable why = unfetchable(uri);
    if (why != null) {
      throw new FetchException(switch (why) {
        case SCHEME -> "unsupported scheme '" + FetchException.shown(schemeOf(uri)) + "' (only http and https)";
        case NO_HOST -> "malformed URL: no host";
        case PORT -> "malformed URL: port " + uri.getPort() + " is out of range";
      });
    }
    return uri;
  }

  /** What makes a URL one we do not fetch, a configured one or a redirect's alike. */
  enum Unfetchable { SCHEME, NO_HOST, PORT }

  /** Why {@code uri} is not fetched (a scheme other than http or https, no host, a port over 65535), or {@code null}. */
  static Unfetchable unfetchable(URI uri) {
    String scheme = schemeOf(uri);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Unfetchable.SCHEME;
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Unfetchable.NO_HOST;
    }
    return uri.getPort() > MAX_PORT ? Unfetchable.PORT : null;
  }

  static String schemeOf(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }

  /** The one-line reason for a failure that did not come with one of ours. */
  static FetchException reason(Throwable failure, HttpOptions options) {
    if (failure instanceof FetchException e) {
      return e;
    }
    if (failure instanceof BodyTooLargeException) {
      return new FetchException(failure.getMessage());
    }
    if (failure instanceof ConnectTimeoutException) {
      // A ConnectException too: it must not read as "connection refused".
      return new FetchException("timed out: no connection within http.timeoutMs (" + options.timeoutMs() + " ms)");
    }
    if (failure instanceof ConnectException || failure.getCause() instanceof ConnectException) {
      return new FetchException("connection refused");
    }
    if (failure instanceof UnknownHostException) {
      // Netty's resolver says "Failed to resolve 'h' [A(1), AAAA(28)] after 2 queries ": the name is what matters.
      String message = String.valueOf(failure.getMessage()).strip();
      int open = message.indexOf('\'');
      int close = message.indexOf('\'', open + 1);
      return new FetchException(open >= 0 && close > open
        ? "unknown host '" + FetchException.shown(message.substring(open + 1, close)) + "': the name does not resolve"
        : "unknown host " + FetchException.shown(message));
    }
    if (failure instanceof IOException && String.valueOf(failure.getMessage()).startsWith("Connection reset")) {
      // The JDK's words for a TCP reset ("Connection reset", "... by peer"): say whose.
      return new FetchException("connection reset by the server");
    }
    if (failure instanceof TimeoutException) {
      return new FetchException("timed out: no data for http.timeoutMs (" + options.timeoutMs() + " ms)");
    }
    SSLException tls = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SslHandshakeTimeoutException) {
        return new FetchException("timed out: no TLS handshake within http.timeoutMs (" + options.timeoutMs() + " ms)");
      }
      if (cause instanceof SSLException e) {
        // The innermost says what went wrong; the outer ones say only that the connection failed.
        tls = e;
      }
      if (cause instanceof java.nio.file.FileSystemException) {
        // Where the body was going failed (a download's file): say which file and why.
        return new FetchException(FileErrors.describe(failure));
      }
    }
    if (tls != null) {
      return new FetchException("TLS failed: " + firstLine(tls));
    }
    String protocolError = protocolError(failure);
    if (protocolError != null) {
      return new FetchException("bad response from server: " + protocolError);
    }
    return new FetchException(firstLine(failure));
  }

  /**
   * What was wrong with a response Netty's HTTP decoder could not read, in words: the decoder fails the
   * connection with these exceptions (its own, or the plain JDK ones it throws on a bad number or line).
   */
  private static String protocolError(Throwable failure) {
    if (failure instanceof TooLongFrameException) {
      // "HTTP header is larger than 8192 bytes." / "An HTTP line is larger than 4096 bytes."
      String message = firstLine(failure).replaceFirst("\\.$", "");
      return message.startsWith("An ") ? "a" + message.substring(1) : message;
    }
    if (failure instanceof NumberFormatException) {
      // Integer.parseInt on the status code says "For input string: "OK-ish""; a bad chunk size has words of its own.
      String message = firstLine(failure);
      return message.startsWith("For input string: ")
        ? "invalid status line: the status code " + message.substring("For input string: ".length()) + " is not a number"
        : message;
    }
    if (failure instanceof IllegalArgumentException || failure instanceof DecoderException) {
      // "invalid version format: SSH-2.0-OPENSSH_9.2", "Content-Length value is not a number: -5", ...
      return firstLine(failure);
    }
    if (failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).startsWith("Unsupported HTTP version")) {
      return firstLine(failure);
    }
    return null;
  }

  private static String firstLine(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    return FetchException.shown(message.lines().findFirst().orElse(message));
  }

  public Future<Void> close() {
    return client.close();
  }
}
