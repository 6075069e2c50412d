package io.asyncscenarios.io;

import ch.qos.logback.classic.Level;
import io.asyncscenarios.FreePorts;
import io.asyncscenarios.debug.LogCapture;
import io.asyncscenarios.param.ConfigReader;
import io.asyncscenarios.record.Recorder;
import io.asyncscenarios.task.Task;
import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class FetcherTest {

  /**
   * The silence limit of the tests about it: small, so that they are fast, and used only where the server
   * never answers or the answer is warmed up first (a fresh JVM's first answer can take a few hundred ms).
   */
  private static final long TIMEOUT_MS = 300;
  /** How far past its limit a fetch may end, in limits: a loaded machine is slow to connect and to reset. */
  private static final double LATE = 3.0;

  private Vertx vertx;
  private MisbehavingServer server;
  private Fetcher fetcher;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = new MisbehavingServer();
    vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
    // 64 KiB of body at most, three redirects, and limits no healthy answer comes near.
    fetcher = fetcher(new JsonObject());
  }

  private Fetcher fetcher(JsonObject http) {
    return fetcher(http, false);
  }

  private Fetcher fetcher(JsonObject http, boolean debug) {
    JsonObject config = new JsonObject().put("timeoutMs", 5_000).put("deadlineMs", 10_000)
      .put("maxBodyBytes", 64 * 1024).put("maxRedirects", 3).mergeIn(http);
    return new Fetcher(vertx, HttpOptions.fromConfig(new ConfigReader(config)), debug);
  }

  @Test
  void countsTheDecodedCharactersOfAPage() throws Exception {
    BodySink body = BodySink.counting(1 << 20);
    assertEquals(200, await(fetcher.fetch(server.url("/ok"), body)));
    assertEquals(MisbehavingServer.PAGE.length(), body.chars());
    assertEquals(MisbehavingServer.PAGE.getBytes(StandardCharsets.UTF_8).length, body.bytes());
    assertTrue(body.bytes() > body.chars(), "Korean text: more bytes than characters");
  }

  @Test
  void aSlowButWithinTimeoutAnswerSucceeds() throws Exception {
    assertEquals(200, await(fetcher.fetch(server.url("/slow"), BodySink.counting(1 << 20))));
  }

  @Test
  void cancellingTheTaskThatFetchesResetsItsRequestAtOnceAndFreesItsPermit(Vertx vertx) throws Exception {
    // One permit, and a timeout far beyond the test's: only the cancellation can end the hanging fetch.
    Fetcher patient = new Fetcher(vertx, HttpOptions.fromConfig(new io.asyncscenarios.param.ConfigReader(new JsonObject()
      .put("timeoutMs", 600_000).put("concurrency", 1))));
    Tasks tasks = new Tasks(vertx, new Recorder(event -> { }));
    List<Future<Integer>> fetching = new CopyOnWriteArrayList<>();
    Task<Integer> task = tasks.start("fetch", () -> {
      Future<Integer> fetch = patient.fetch(server.url("/hang"), BodySink.counting(1 << 20));
      fetching.add(fetch);
      return fetch;
    });
    while (server.openConnections() == 0) {
      // Until the request is on the wire.
      vertx.timer(1).await(5, TimeUnit.SECONDS);
    }
    task.cancel();
    Future<Integer> fetch = fetching.get(0);
    fetch.otherwiseEmpty().await(5, TimeUnit.SECONDS);
    assertTrue(fetch.failed(), "the fetch ended");
    tasks.idle().await(5, TimeUnit.SECONDS);
    while (server.openConnections() > 0) {
      // Until the reset has closed the connection on the server's side too.
      vertx.timer(1).await(5, TimeUnit.SECONDS);
    }
    assertEquals(200, await(patient.fetch(server.url("/ok"), BodySink.counting(1 << 20))), "the permit came free");
    patient.close().await(5, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    /404     | HTTP 404 Not Found
    /500     | HTTP 500 Internal Server Error
    /loop    | redirect loop:
    /endless | body larger than 65536 bytes (http.maxBodyBytes)
    /short   | Connection was closed
    /reset   | Connection was closed
    """)
  void eachFailureIsReportedWithItsReason(String path, String reason) {
    String message = failureOf(server.url(path));
    assertTrue(message.startsWith(reason), message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    ftp://example.com/file     | unsupported scheme 'ftp' (only http and https)
    file:///etc/passwd         | unsupported scheme 'file' (only http and https)
    not a url                  | malformed URL: Illegal character in path
    http://                    | malformed URL: Expected authority
    http://127.0.0.1:99999/    | malformed URL: port 99999 is out of range
    """)
  void badUrlsAreRefusedWithoutAConnection(String url, String reason) {
    assertEquals(reason, failureOf(url));
  }

  @Test
  void aRefusedConnectionIsReported() throws Exception {
    assertTrue(failureOf("http://127.0.0.1:" + FreePorts.one() + "/").startsWith("connection refused"));
  }

  @Test
  void anEndlessBodyIsCutOffAndItsConnectionClosed() throws Exception {
    failureOf(server.url("/endless"));
    assertTrue(server.awaitNoOpenConnections(5_000), "the client let go of the endless body's connection");
  }

  @Test
  void theBodyIsHandedOverOnlyForA2xxAnswer() {
    AtomicBoolean called = new AtomicBoolean();
    ExecutionException error = assertThrows(ExecutionException.class, () -> await(fetcher.fetch(server.url("/404"), body -> {
      called.set(true);
      return Future.succeededFuture();
    })));
    assertEquals("HTTP 404 Not Found", error.getCause().getMessage());
    assertFalse(called.get(), "no file would have been opened for a 404");
  }

  @Test
  void aBodyNobodyTakesIsCutOffWithItsConnection() throws Exception {
    ExecutionException error = assertThrows(ExecutionException.class, () -> await(fetcher.fetch(server.url("/endless"),
      body -> Future.failedFuture(new NoSuchFileException("/nowhere/x.html")))));
    assertEquals("'/nowhere/x.html' does not exist", error.getCause().getMessage());
    assertTrue(server.awaitNoOpenConnections(5_000), "the client let go of the untaken body's connection");
  }

  @Test
  void theBodyWaitsForItsReceiver() throws Exception {
    // The receiver takes its time (as opening a file does): no byte of the page may be lost meanwhile.
    BodySink sink = BodySink.counting(1 << 20);
    int status = await(fetcher.fetch(server.url("/ok"), body -> vertx.timer(50).compose(v -> body.pipeTo(sink)).map(v -> body.status())));
    assertEquals(200, status);
    assertEquals(MisbehavingServer.PAGE.length(), sink.chars());
  }

  @Test
  void aConnectionLostWhileTheReceiverGetsReadyIsReported() {
    // /short closes its connection mid-body, before the receiver is ready: that must not be lost.
    ExecutionException error = assertThrows(ExecutionException.class, () -> await(fetcher.fetch(server.url("/short"),
      body -> vertx.timer(100).compose(v -> body.pipeTo(BodySink.counting(1 << 20))))));
    assertTrue(error.getCause().getMessage().startsWith("Connection was closed"), error.getCause().getMessage());
  }

  // Every wait is bounded: http.timeoutMs for each silence, http.deadlineMs for the whole fetch.

  @Test
  void aBodyThatStallsAfterItsHeadersTimesOutAndItsConnectionIsClosed() throws Exception {
    // Headers, Content-Length 100000, ten bytes, then silence: Vert.x's own idle timeout ends with the headers.
    fetcher = fetcher(new JsonObject().put("timeoutMs", TIMEOUT_MS));
    long start = System.nanoTime();
    String message = failureOf(server.url("/stall"));
    assertEquals("timed out: no data for http.timeoutMs (300 ms) mid-body, after 10 bytes", message);
    assertEndedWithin(start, TIMEOUT_MS);
    assertTrue(server.awaitNoOpenConnections(5_000), "the stalled connection was reset");
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    fetcher = fetcher(new JsonObject().put("timeoutMs", TIMEOUT_MS));
    long start = System.nanoTime();
    assertEquals("timed out: no response for http.timeoutMs (300 ms) after the request was sent", failureOf(server.url("/hang")));
    assertEndedWithin(start, TIMEOUT_MS);
    assertTrue(server.awaitNoOpenConnections(5_000), "the silent connection was reset");
  }

  @Test
  void aBodyTricklingInEndsAtTheDeadline() throws Exception {
    // A byte every 40 ms is never 300 ms of silence, and never the end of a 100000-byte body either.
    long deadline = 800;
    fetcher = fetcher(new JsonObject().put("timeoutMs", TIMEOUT_MS).put("deadlineMs", deadline));
    long start = System.nanoTime();
    assertEquals("deadline: the whole fetch took over http.deadlineMs (800 ms)", failureOf(server.url("/trickle-body")));
    assertEndedWithin(start, deadline);
    assertTrue(server.awaitNoOpenConnections(5_000), "the trickling connection was reset");
  }

  @Test
  void headersTrickledInEndAtTheDeadline() throws Exception {
    // The client sees no byte of a head until it is whole, so only the deadline can tell a trickle from a stall.
    long deadline = 600;
    fetcher = fetcher(new JsonObject().put("timeoutMs", 10_000).put("deadlineMs", deadline));
    long start = System.nanoTime();
    assertEquals("deadline: the whole fetch took over http.deadlineMs (600 ms)", failureOf(server.url("/trickle-head")));
    assertEndedWithin(start, deadline);
    assertTrue(server.awaitNoOpenConnections(5_000), "the trickling connection was reset");
  }

  @Test
  void theDeadlineCoversTheWholeRedirectChain() throws Exception {
    // Each hop answers in 100 ms, well within http.timeoutMs; twenty of them do not fit in 600 ms.
    long deadline = 600;
    fetcher = fetcher(new JsonObject().put("deadlineMs", deadline).put("maxRedirects", 20));
    long start = System.nanoTime();
    assertEquals("deadline: the whole fetch took over http.deadlineMs (600 ms)", failureOf(server.url("/slow-chain/1")));
    assertEndedWithin(start, deadline);
    // The earlier hops' connections may stay in the pool, answered in full; the one waiting must have gone.
    assertTrue(server.awaitNoBusyConnections(5_000), "the last hop's connection was reset");
  }

  @Test
  void aLimitLeavesNoFileBehind(@TempDir Path folder) throws Exception {
    fetcher = fetcher(new JsonObject().put("timeoutMs", TIMEOUT_MS));
    String target = folder.resolve("stall.html").toString();
    ExecutionException error = assertThrows(ExecutionException.class, () -> await(fetcher.fetch(server.url("/stall"),
      body -> AtomicFiles.stream(vertx, target, file -> body.pipeTo(BodySink.into(file, 1 << 20))))));
    assertTrue(error.getCause().getMessage().startsWith("timed out: no data for http.timeoutMs"), error.getCause().getMessage());
    try (Stream<Path> left = Files.list(folder)) {
      assertEquals(List.of(), left.toList(), "neither the file nor its temporary file");
    }
  }

  @Test
  void aBodyWeHoldBackIsNotTheServersSilence() throws Exception {
    // The receiver takes three silences' worth of time to get ready (a slow file system): not the server's fault.
    fetcher = warmedUp(TIMEOUT_MS);
    BodySink sink = BodySink.counting(1 << 20);
    int status = await(fetcher.fetch(server.url("/ok"),
      body -> vertx.timer(3 * TIMEOUT_MS).compose(v -> body.pipeTo(sink)).map(v -> body.status())));
    assertEquals(200, status);
    assertEquals(MisbehavingServer.PAGE.length(), sink.chars());
  }

  @Test
  void aSinkPushingBackIsNotTheServersSilence() throws Exception {
    // The sink says it is full for three silences' worth of time after its first chunk: the pipe pauses the body.
    fetcher = warmedUp(TIMEOUT_MS);
    SlowTarget target = new SlowTarget(3 * TIMEOUT_MS);
    BodySink sink = BodySink.into(target, MisbehavingServer.BIG_BYTES);
    assertEquals(200, await(fetcher.fetch(server.url("/big"), sink)));
    assertEquals(MisbehavingServer.BIG_BYTES, sink.bytes());
    assertTrue(target.pushedBack, "the sink did push back");
  }

  @Test
  void aConnectionThatIsNeverAcceptedTimesOut() throws Exception {
    // A listening socket whose backlog is full: Linux drops the SYN, so the connect neither succeeds nor fails.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
      boolean backlogFull = false;
      try {
        for (int i = 0; i < 8 && !backlogFull; i++) {
          Socket filler = new Socket();
          fillers.add(filler);
          try {
            filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 200);
          } catch (SocketTimeoutException dropped) {
            backlogFull = true;
          }
        }
        assumeTrue(backlogFull, "this system accepts connections beyond the backlog");
        long start = System.nanoTime();
        fetcher = fetcher(new JsonObject().put("timeoutMs", TIMEOUT_MS));
        assertEquals("timed out: no connection within http.timeoutMs (300 ms)", failureOf("http://127.0.0.1:" + full.getLocalPort() + "/"));
        assertEndedWithin(start, TIMEOUT_MS);
      } finally {
        for (Socket filler : fillers) {
          filler.close();
        }
      }
    }
  }

  // Redirects: only http and https are followed, and each refusal says why.

  @Test
  void aRedirectToAnotherSchemeIsRefusedWithoutTouchingItsHostAndPort(Vertx vertx) throws Exception {
    MisbehavingServer other = new MisbehavingServer();
    vertx.deployVerticle(other).await(10, TimeUnit.SECONDS);
    assertEquals("redirect to unsupported scheme 'ftp' (only http and https are followed)",
      failureOf(server.url("/goto/ftp://127.0.0.1:" + other.port() + "/x")));
    assertEquals(0, other.acceptedConnections(), "nothing was fetched as HTTP from the ftp URL's port");
  }

  @Test
  void aRedirectToAnotherHostAndPortIsFollowed(Vertx vertx) throws Exception {
    MisbehavingServer other = new MisbehavingServer();
    vertx.deployVerticle(other).await(10, TimeUnit.SECONDS);
    BodySink body = BodySink.counting(1 << 20);
    assertEquals(200, await(fetcher.fetch(server.url("/goto/http://localhost:" + other.port() + "/ok"), body)));
    assertEquals(MisbehavingServer.PAGE.length(), body.chars());
    assertEquals(1, other.acceptedConnections());
  }

  @Test
  void aRelativeRedirectIsResolvedAgainstTheURLThatGaveIt() throws Exception {
    // /see-other answers 303 with "Location: ok".
    BodySink body = BodySink.counting(1 << 20);
    assertEquals(200, await(fetcher.fetch(server.url("/see-other"), body)));
    assertEquals(MisbehavingServer.PAGE.length(), body.chars());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    /goto/file:///etc/passwd | redirect to unsupported scheme 'file' (only http and https are followed)
    /no-location             | HTTP 302 without a Location header
    /not-modified            | HTTP 304 Not Modified: nothing to save (we sent no conditional request)
    /chain/1                 | HTTP 302 after 3 redirects: http.maxRedirects (3) reached
    /bad-location            | HTTP 302 to a malformed Location 'http://[oops/x'
    /goto/http://127.0.0.1:70000/ok | HTTP 302 to a Location with port 70000, out of range
    """)
  void aRefusedRedirectSaysWhy(String path, String reason) {
    assertEquals(reason, failureOf(server.url(path)));
  }

  @Test
  void aTrueLoopIsReportedAsOneNamingTheURLSeenTwice() {
    // /loop-a → /loop-b → /loop-a#again: the fragment does not make it another page.
    assertEquals("redirect loop: " + server.url("/loop-a") + " was already visited", failureOf(server.url("/loop-a")));
  }

  @Test
  void noRedirectIsFollowedWhenTheLimitIsZeroOrFollowingIsOff() {
    fetcher = fetcher(new JsonObject().put("maxRedirects", 0));
    assertEquals("HTTP 303 after 0 redirects: http.maxRedirects (0) reached", failureOf(server.url("/see-other")));
    fetcher = fetcher(new JsonObject().put("followRedirects", false));
    assertEquals("HTTP 303 (http.followRedirects is false)", failureOf(server.url("/see-other")));
  }

  @Test
  void aRedirectToHttpsOnAPlainPortFailsWithinTheTimeout(Vertx vertx) throws Exception {
    MisbehavingServer other = new MisbehavingServer();
    vertx.deployVerticle(other).await(10, TimeUnit.SECONDS);
    fetcher = fetcher(new JsonObject().put("timeoutMs", TIMEOUT_MS));
    long start = System.nanoTime();
    // The plain server waits for a request's end that a TLS hello never sends: the handshake times out.
    assertEquals("timed out: no TLS handshake within http.timeoutMs (300 ms)",
      failureOf(server.url("/goto/https://127.0.0.1:" + other.port() + "/ok")));
    // Not Netty's default of 10 s; the first TLS connection of a JVM also loads the trust store, so the
    // bound is looser than the others'.
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(tookMs < 3_000, "ended after " + tookMs + " ms");
  }

  // Protocol errors: one line each, in words, and no Vert.x or Netty ERROR line beside it.

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    /bad-status-line | bad response from server: invalid status line: the status code "OK-ish" is not a number
    /not-http        | bad response from server: invalid version format: SSH-2.0-OPENSSH_9.2
    /huge-headers    | bad response from server: HTTP header is larger than 8192 bytes
    /negative-length | bad response from server: Content-Length value is not a number: -5
    /two-lengths     | bad response from server: Multiple Content-Length values found: [5, 6]
    /huge-chunk-size | bad response from server: an HTTP line is larger than 4096 bytes
    /bad-chunk-size  | bad response from server: Invalid character in chunk size
    /close-mid-head  | Connection closed before received headers
    """)
  void aBrokenResponseIsOneLineAndNothingElseOnTheLog(String path, String reason) throws Exception {
    List<String> logged = new CopyOnWriteArrayList<>();
    try (LogCapture vertxLog = LogCapture.attach("io.vertx", event -> logged.add(event.getLevel() + " " + event.getFormattedMessage()));
         LogCapture nettyLog = LogCapture.attach("io.netty", event -> logged.add(event.getLevel() + " " + event.getFormattedMessage()))) {
      assertEquals(reason, failureOf(server.url(path)));
      assertTrue(server.awaitNoOpenConnections(5_000), "the broken connection was closed");
    }
    assertEquals(List.of(), logged.stream().filter(line -> !line.startsWith("DEBUG") && !line.startsWith("TRACE")).toList());
  }

  @Test
  void aConnectionResetMidBodyIsOneLineAndNothingElseOnTheLog() throws Exception {
    // A raw socket closed with SO_LINGER 0 sends a TCP reset, which Vert.x's server sockets never do.
    try (ServerSocket resetting = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread thread = new Thread(() -> {
        try (Socket socket = resetting.accept()) {
          socket.getInputStream().read(new byte[4096]);
          socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "r".repeat(1000))
            .getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          socket.setSoLinger(true, 0);
        } catch (java.io.IOException ignored) {
          // The test's assertions say what went wrong.
        }
      }, "resetting-server");
      thread.start();
      List<String> logged = new CopyOnWriteArrayList<>();
      try (LogCapture vertxLog = LogCapture.attach("io.vertx", event -> logged.add(event.getLevel() + " " + event.getFormattedMessage()));
           LogCapture nettyLog = LogCapture.attach("io.netty", event -> logged.add(event.getLevel() + " " + event.getFormattedMessage()))) {
        assertEquals("connection reset by the server", failureOf("http://127.0.0.1:" + resetting.getLocalPort() + "/"));
      }
      thread.join(5_000);
      assertEquals(List.of(), logged.stream().filter(line -> !line.startsWith("DEBUG") && !line.startsWith("TRACE")).toList());
    }
  }

  @Test
  void aSecondAnswerToOneRequestLeavesNoErrorOnTheLog() throws Exception {
    // The page, then a second answer nobody asked for: it breaks a connection that no URL is using any more.
    List<String> logged = new CopyOnWriteArrayList<>();
    try (LogCapture vertxLog = LogCapture.attach("io.vertx", event -> logged.add(event.getLevel() + " " + event.getFormattedMessage()));
         LogCapture nettyLog = LogCapture.attach("io.netty", event -> logged.add(event.getLevel() + " " + event.getFormattedMessage()))) {
      BodySink body = BodySink.counting(1 << 20);
      assertEquals(200, await(fetcher.fetch(server.url("/twice"), body)));
      assertEquals(MisbehavingServer.PAGE.length(), body.chars());
      assertTrue(server.awaitNoOpenConnections(5_000), "the broken connection was closed");
    }
    assertEquals(List.of(), logged.stream().filter(line -> !line.startsWith("DEBUG") && !line.startsWith("TRACE")).toList());
  }

  @Test
  void inDebugModeTheConnectionErrorIsLoggedToo() throws Exception {
    fetcher = fetcher(new JsonObject(), true);
    List<String> logged = new CopyOnWriteArrayList<>();
    try (LogCapture capture = LogCapture.attach(Fetcher.class.getName(), event -> {
      if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
        logged.add(event.getFormattedMessage());
      }
    })) {
      failureOf(server.url("/not-http"));
      assertTrue(server.awaitNoOpenConnections(5_000));
    }
    assertEquals(1, logged.size(), logged.toString());
    assertTrue(logged.get(0).contains("invalid version format: SSH-2.0-OPENSSH_9.2"), logged.get(0));
  }

  @Test
  void aCompressedBodyIsCountedAsSentNotInflated() throws Exception {
    // 16 MiB of zeros in a few kilobytes of gzip: a client that inflated it would blow http.maxBodyBytes (64 KiB).
    BodySink body = BodySink.counting(64 * 1024);
    assertEquals(200, await(fetcher.fetch(server.url("/gzip-bomb"), body)));
    assertTrue(body.bytes() < 64 * 1024, body.bytes() + " bytes");
  }

  /** A fetcher with this silence limit whose first answer has come: what follows is not a cold start. */
  private Fetcher warmedUp(long timeoutMs) throws Exception {
    Fetcher warm = fetcher(new JsonObject().put("timeoutMs", timeoutMs));
    await(warm.fetch(server.url("/ok"), BodySink.counting(1 << 20)));
    return warm;
  }

  /** The fetch ended at its limit: not before, and not much after. */
  private void assertEndedWithin(long startNanos, long limitMs) {
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    assertTrue(tookMs >= limitMs * 0.9, "ended after " + tookMs + " ms, before its limit of " + limitMs + " ms");
    assertTrue(tookMs <= limitMs * (1 + LATE), "ended after " + tookMs + " ms, over " + (1 + LATE) + " × its limit of " + limitMs + " ms");
  }

  private String failureOf(String url) {
    ExecutionException error = assertThrows(ExecutionException.class, () -> await(fetcher.fetch(url, BodySink.counting(64 * 1024))));
    assertTrue(error.getCause() instanceof FetchException, String.valueOf(error.getCause()));
    return error.getCause().getMessage();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** A write stream that, after its first chunk, says it is full for a while, then drains. */
  private final class SlowTarget implements WriteStream<Buffer> {

    private final long fullForMs;
    private boolean full;
    private boolean pushedBack;
    private Handler<Void> drain;

    SlowTarget(long fullForMs) {
      this.fullForMs = fullForMs;
    }

    @Override
    public Future<Void> write(Buffer data) {
      if (!pushedBack) {
        pushedBack = true;
        full = true;
        vertx.setTimer(fullForMs, id -> {
          full = false;
          if (drain != null) {
            drain.handle(null);
          }
        });
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return full;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      drain = handler;
      return this;
    }
  }

  @Test
  void anUnknownHostIsNamedPlainly() {
    HttpOptions options = HttpOptions.fromConfig(new ConfigReader(new JsonObject()));
    assertEquals("unknown host 'nonexistent.invalid': the name does not resolve", Fetcher.reason(
      new java.net.UnknownHostException("Failed to resolve 'nonexistent.invalid' [A(1), AAAA(28)] after 2 queries "), options).getMessage());
  }
}
