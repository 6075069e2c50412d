package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 that does what real servers sometimes do, written on a raw socket so that it
 * can break the protocol: each path is one kind of trouble.
 */
public class MisbehavingServer extends VerticleBase {

  public static final String PAGE = "<html>비동기 ok</html>";

  private final AtomicInteger openConnections = new AtomicInteger();
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
  public int openConnections() {
    return openConnections.get();
  }

  private void connected(NetSocket socket) {
    openConnections.incrementAndGet();
    socket.closeHandler(v -> openConnections.decrementAndGet());
    StringBuilder received = new StringBuilder();
    socket.handler(chunk -> {
      received.append(chunk.toString(StandardCharsets.ISO_8859_1));
      if (received.indexOf("\r\n\r\n") >= 0) {
        String request = received.toString();
        received.setLength(0);
        // The query is ignored, as a static server ignores it: /ok?i=2 is /ok fetched once more.
        answer(socket, request.split(" ", 3)[1].replaceFirst("\\?.*", ""));
      }
    });
  }

  private void answer(NetSocket socket, String path) {
    byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
    switch (path) {
      case "/ok" -> socket.write(Buffer.buffer(head(200, "OK", page.length)).appendBytes(page));
      case "/slow" -> vertx.setTimer(200, id -> answer(socket, "/ok"));
      case "/404" -> socket.write(head(404, "Not Found", 9) + "not found");
      case "/500" -> socket.write(head(500, "Internal Server Error", 4) + "oops");
      case "/short" -> socket.write(head(200, "OK", 1000) + "only a few bytes").onComplete(v -> socket.close());
      case "/reset" -> socket.write(head(200, "OK", 100_000) + "x".repeat(5000)).onComplete(v -> socket.close());
      case "/loop" -> socket.write("HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n");
      case "/endless" -> endless(socket);
      case "/hang" -> {
        // Accepts the request and never says a word.
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
      openConnections.decrementAndGet();
    });
  }

  private static String head(int status, String reason, int length) {
    return "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + length + "\r\n\r\n";
  }
}
