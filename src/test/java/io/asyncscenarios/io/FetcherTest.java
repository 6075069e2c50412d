package io.asyncscenarios.io;

import io.asyncscenarios.record.Recorder;
import io.asyncscenarios.task.Task;
import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class FetcherTest {

  private MisbehavingServer server;
  private Fetcher fetcher;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    server = new MisbehavingServer();
    vertx.deployVerticle(server).await(10, TimeUnit.SECONDS);
    // Small limits keep the failure cases fast: half a second of silence, 64 KiB of body.
    HttpOptions options = HttpOptions.fromConfig(new io.asyncscenarios.config.ConfigReader(new JsonObject()
      .put("timeoutMs", 500).put("maxBodyBytes", 64 * 1024).put("maxRedirects", 3)));
    fetcher = new Fetcher(vertx, options);
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
    Fetcher patient = new Fetcher(vertx, HttpOptions.fromConfig(new io.asyncscenarios.config.ConfigReader(new JsonObject()
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
    /loop    | HTTP 302 after 3 redirects (a redirect loop?)
    /hang    | timed out
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
    """)
  void badUrlsAreRefusedWithoutAConnection(String url, String reason) {
    assertEquals(reason, failureOf(url));
  }

  @Test
  void aRefusedConnectionIsReported() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    assertTrue(failureOf("http://127.0.0.1:" + closedPort + "/").startsWith("connection refused"));
  }

  @Test
  void anEndlessBodyIsCutOffAndItsConnectionClosed(Vertx vertx) throws Exception {
    failureOf(server.url("/endless"));
    // The reset closes the connection; give the server's close event a moment to arrive.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.openConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, server.openConnections(), "the client let go of the endless body's connection");
  }

  @Test
  void theBodyIsHandedOverOnlyForA2xxAnswer() {
    java.util.concurrent.atomic.AtomicBoolean called = new java.util.concurrent.atomic.AtomicBoolean();
    ExecutionException error = assertThrows(ExecutionException.class, () -> await(fetcher.fetch(server.url("/404"), body -> {
      called.set(true);
      return io.vertx.core.Future.succeededFuture();
    })));
    assertEquals("HTTP 404 Not Found", error.getCause().getMessage());
    assertTrue(!called.get(), "no file would have been opened for a 404");
  }

  @Test
  void aBodyNobodyTakesIsCutOffWithItsConnection() throws Exception {
    ExecutionException error = assertThrows(ExecutionException.class, () -> await(fetcher.fetch(server.url("/endless"),
      body -> io.vertx.core.Future.failedFuture(new java.nio.file.NoSuchFileException("/nowhere/x.html")))));
    assertEquals("'/nowhere/x.html' does not exist", error.getCause().getMessage());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.openConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, server.openConnections(), "the client let go of the untaken body's connection");
  }

  @Test
  void theBodyWaitsForItsReceiver(Vertx vertx) throws Exception {
    // The receiver takes its time (as opening a file does): no byte of the page may be lost meanwhile.
    BodySink sink = BodySink.counting(1 << 20);
    int status = await(fetcher.fetch(server.url("/ok"), body -> vertx.timer(50).compose(v -> body.pipeTo(sink)).map(v -> body.status())));
    assertEquals(200, status);
    assertEquals(MisbehavingServer.PAGE.length(), sink.chars());
  }

  @Test
  void aConnectionLostWhileTheReceiverGetsReadyIsReported(Vertx vertx) {
    // /short closes its connection mid-body, before the receiver is ready: that must not be lost.
    ExecutionException error = assertThrows(ExecutionException.class, () -> await(fetcher.fetch(server.url("/short"),
      body -> vertx.timer(100).compose(v -> body.pipeTo(BodySink.counting(1 << 20))))));
    assertTrue(error.getCause().getMessage().startsWith("Connection was closed"), error.getCause().getMessage());
  }

  private String failureOf(String url) {
    ExecutionException error = assertThrows(ExecutionException.class, () -> await(fetcher.fetch(url, BodySink.counting(64 * 1024))));
    assertTrue(error.getCause() instanceof FetchException, String.valueOf(error.getCause()));
    return error.getCause().getMessage();
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
