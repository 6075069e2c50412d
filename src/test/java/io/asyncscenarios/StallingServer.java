package io.asyncscenarios;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A server for downloads caught mid-body: each connection gets the start of a long page and then
 * nothing, so every download holds its temporary file until it is cancelled or killed.
 */
final class StallingServer implements AutoCloseable {

  private final ServerSocket server;

  private StallingServer(ServerSocket server) {
    this.server = server;
  }

  /** A server on a free loopback port, serving on a daemon thread until it is closed. */
  static StallingServer start() throws IOException {
    StallingServer stalling = new StallingServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    Thread thread = new Thread(stalling::serve, "stalling-server");
    thread.setDaemon(true);
    thread.start();
    return stalling;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private void serve() {
    List<Socket> open = new ArrayList<>();
    try {
      while (true) {
        Socket socket = server.accept();
        open.add(socket);
        // The request's head first, as a server would.
        for (int matched = 0, b; matched < 4 && (b = socket.getInputStream().read()) >= 0; ) {
          matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000\r\n\r\n"
          + "<html>" + "x".repeat(1000)).getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
      }
    } catch (IOException closed) {
      // The test is over.
    }
  }

  /** The temporary files in {@code folder} (0 while it does not exist, -1 if it cannot be listed). */
  static long temporaryFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
    } catch (IOException e) {
      return -1;
    }
  }
}
