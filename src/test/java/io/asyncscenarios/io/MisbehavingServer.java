package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * An HTTP server on 127.0.0.1 that does what real servers sometimes do, written on a raw socket so that it
 * can break the protocol: each path is one kind of trouble.
 */
public class MisbehavingServer extends VerticleBase {

  public static final String PAGE = "<html>비동기 ok</html>";
  /** How often the trickling paths send their next byte. */
  public static final long TRICKLE_MS = 40;
  /** What {@code /gzip-bomb} inflates to; it sends a few kilobytes. */
  public static final int BOMB_BYTES = 16 * 1024 * 1024;

  /** The size of {@code /big}, sent at once. */
  public static final int BIG_BYTES = 1 << 20;
  /** How long each hop of {@code /slow-chain/N} takes to redirect. */
  public static final long SLOW_HOP_MS = 100;

  private final AtomicInteger accepted = new AtomicInteger();
  // Guarded by this, so that a test can wait for them to fall.
  private int openConnections;
  private final Set<NetSocket> busy = new HashSet<>();
  private NetServer server;

  @Override
  public Future<?> start() {
    server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0)).connectHandler(this::connected);
    return server.listen();
  }

  public int port() {
    return server.actualPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** Connections the client has not closed yet. */
  public synchronized int openConnections() {
    return openConnections;
  }

  /** Waits until every connection has been closed; false if some is still open after {@code timeoutMs}. */
  public synchronized boolean awaitNoOpenConnections(long timeoutMs) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (openConnections > 0) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /**
   * Waits until no connection is left with a request the server has not answered in full (one it is
   * still stalling or trickling): a client that gave up must have closed it. Unlike
   * {@link #awaitNoOpenConnections}, connections the client keeps for reuse after a whole answer (a
   * redirect's) do not count.
   */
  public synchronized boolean awaitNoBusyConnections(long timeoutMs) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (!busy.isEmpty()) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private synchronized void opened() {
    openConnections++;
  }

  private synchronized void closed(NetSocket socket) {
    openConnections--;
    busy.remove(socket);
    notifyAll();
  }

  private synchronized void busy(NetSocket socket, boolean busy) {
    if (busy) {
      this.busy.add(socket);
    } else {
      this.busy.remove(socket);
      notifyAll();
    }
  }

  /** A whole redirect, after which the connection may serve the client's next request. */
  private void redirect(NetSocket socket, int status, String location) {
    socket.write("HTTP/1.1 " + status + " Redirect\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n")
      .onComplete(written -> busy(socket, false));
  }

  /** Connections accepted since the start. */
  public int acceptedConnections() {
    return accepted.get();
  }

  private void connected(NetSocket socket) {
    accepted.incrementAndGet();
    opened();
    socket.closeHandler(v -> closed(socket));
    StringBuilder received = new StringBuilder();
    socket.handler(chunk -> {
      received.append(chunk.toString(StandardCharsets.ISO_8859_1));
      if (received.indexOf("\r\n\r\n") >= 0) {
        String request = received.toString();
        received.setLength(0);
        busy(socket, true);
        // The query is ignored, as a static server ignores it: /ok?i=2 is /ok fetched once more.
        answer(socket, request.split(" ", 3)[1].replaceFirst("\\?.*", ""));
      }
    });
  }

  private void answer(NetSocket socket, String path) {
    byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
    if (path.startsWith("/goto/")) {
      // Whatever follows /goto/ is the Location, as it is: another scheme, host or port.
      redirect(socket, 302, path.substring("/goto/".length()));
      return;
    }
    if (path.startsWith("/chain/")) {
      // A redirect chain that never repeats a URL and never ends.
      int next = Integer.parseInt(path.substring("/chain/".length())) + 1;
      redirect(socket, 302, "/chain/" + next);
      return;
    }
    if (path.startsWith("/slow-chain/")) {
      // Each hop well within http.timeoutMs, the chain as a whole not.
      int next = Integer.parseInt(path.substring("/slow-chain/".length())) + 1;
      vertx.setTimer(SLOW_HOP_MS, id -> redirect(socket, 302, "/slow-chain/" + next));
      return;
    }
    switch (path) {
      case "/ok" -> socket.write(Buffer.buffer(head(200, "OK", page.length)).appendBytes(page));
      case "/big" -> socket.write(Buffer.buffer(head(200, "OK", BIG_BYTES)).appendBytes(new byte[BIG_BYTES]));
      case "/twice" -> socket.write(Buffer.buffer(head(200, "OK", page.length)).appendBytes(page)
        .appendString(head(200, "OK", page.length)).appendBytes(page));
      case "/slow" -> vertx.setTimer(200, id -> answer(socket, "/ok"));
      case "/404" -> socket.write(head(404, "Not Found", 9) + "not found");
      case "/500" -> socket.write(head(500, "Internal Server Error", 4) + "oops");
      case "/short" -> socket.write(head(200, "OK", 1000) + "only a few bytes").onComplete(v -> socket.close());
      case "/reset" -> socket.write(head(200, "OK", 100_000) + "x".repeat(5000)).onComplete(v -> socket.close());
      case "/loop" -> redirect(socket, 302, "/loop");
      case "/loop-a" -> redirect(socket, 301, "/loop-b");
      case "/loop-b" -> redirect(socket, 307, "/loop-a#again");
      case "/see-other" -> redirect(socket, 303, "ok");
      case "/bad-location" -> redirect(socket, 302, "http://[oops/x");
      case "/no-location" -> socket.write("HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n");
      case "/not-modified" -> socket.write("HTTP/1.1 304 Not Modified\r\n\r\n");
      case "/endless" -> endless(socket);
      case "/hang" -> {
        // Accepts the request and never says a word.
      }
      case "/stall" -> socket.write(head(200, "OK", 100_000) + "0123456789");
      case "/trickle-body" -> {
        socket.write(head(200, "OK", 100_000));
        trickle(socket, "z".repeat(100_000));
      }
      case "/trickle-head" -> trickle(socket, head(200, "OK", page.length) + "x".repeat(page.length));
      case "/close-mid-head" -> socket.write("HTTP/1.1 200 OK\r\nContent-Ty").onComplete(v -> socket.close());
      case "/bad-status-line" -> socket.write("HTTP/1.1 OK-ish\r\nContent-Length: 2\r\n\r\nhi");
      case "/not-http" -> socket.write("SSH-2.0-OpenSSH_9.2\r\n\r\n");
      case "/huge-headers" -> hugeHeaders(socket);
      case "/negative-length" -> socket.write("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello");
      case "/huge-chunk-size" -> socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "f".repeat(64 * 1024) + "\r\n");
      case "/bad-chunk-size" -> socket.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n");
      case "/two-lengths" -> socket.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!");
      case "/gzip-bomb" -> {
        byte[] bomb = gzippedZeros(BOMB_BYTES);
        socket.write(Buffer.buffer("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + bomb.length + "\r\n\r\n")
          .appendBytes(bomb));
      }
      default -> socket.write(head(404, "Not Found", 0));
    }
  }

  private void endless(NetSocket socket) {
    socket.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
    String chunk = Integer.toHexString(8192) + "\r\n" + "y".repeat(8192) + "\r\n";
    long timer = vertx.setPeriodic(1, id -> {
      if (!socket.writeQueueFull()) {
        socket.write(chunk);
      }
    });
    socket.closeHandler(v -> {
      vertx.cancelTimer(timer);
      closed(socket);
    });
  }

  /** Sends {@code text} one byte every {@link #TRICKLE_MS}: never silent for long, never done soon. */
  private void trickle(NetSocket socket, String text) {
    int[] next = {0};
    long timer = vertx.setPeriodic(TRICKLE_MS, id -> {
      if (next[0] < text.length()) {
        socket.write(text.substring(next[0], next[0] + 1));
        next[0]++;
      }
    });
    socket.closeHandler(v -> {
      vertx.cancelTimer(timer);
      closed(socket);
    });
  }

  private static void hugeHeaders(NetSocket socket) {
    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
    // A megabyte of headers, far over any client's limit.
    for (int i = 0; head.length() < 1 << 20; i++) {
      head.append("X-Filler-").append(i).append(": ").append("f".repeat(1000)).append("\r\n");
    }
    socket.write(head.append("Content-Length: 2\r\n\r\nhi").toString());
  }

  private static byte[] gzippedZeros(int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      byte[] zeros = new byte[64 * 1024];
      for (int written = 0; written < size; written += zeros.length) {
        gzip.write(zeros);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String head(int status, String reason, int length) {
    return "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + length + "\r\n\r\n";
  }
}
