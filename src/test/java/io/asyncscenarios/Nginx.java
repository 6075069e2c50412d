package io.asyncscenarios;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real HTTP server that nobody here wrote: nginx from Debian's packages, serving a few static files from
 * a folder of its own on a free loopback port. CI installs it; elsewhere the tests that use it are skipped.
 *
 * <p>It serves {@code index.html} (about 200 KB, partly Korean), {@code data.bin} (1 MiB of seeded random
 * bytes) and {@code page.html} (about 20 KB, partly Korean: the page benchmarks fetch many times).
 */
public final class Nginx implements AutoCloseable {

  static final Path NGINX = Path.of("/usr/sbin/nginx");

  private final Process process;
  private final int port;

  private Nginx(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts nginx with its files, configuration and logs under {@code dir}; skips the test without nginx. */
  public static Nginx start(Path dir) throws Exception {
    assumeTrue(Files.isExecutable(NGINX) || System.getenv("CI") != null, "nginx is not installed (apt-get install nginx-light)");
    Path www = Files.createDirectories(dir.resolve("www"));
    Files.writeString(www.resolve("index.html"), "<html><body>" + "비동기 asyncio 튜토리얼 — Vert.x\n".repeat(5000) + "</body></html>");
    byte[] binary = new byte[1 << 20];
    new Random(1).nextBytes(binary);
    Files.write(www.resolve("data.bin"), binary);
    Files.writeString(www.resolve("page.html"), "<html><body>" + "비동기 asyncio 튜토리얼 — Vert.x\n".repeat(480) + "</body></html>");
    Files.createDirectories(dir.resolve("tmp"));
    int port = FreePorts.one();
    Path conf = Files.writeString(dir.resolve("nginx.conf"), """
      daemon off;
      master_process off;
      pid %1$s/nginx.pid;
      error_log %1$s/error.log;
      events { worker_connections 1024; }
      http {
        access_log off;
        client_body_temp_path %1$s/tmp;
        proxy_temp_path %1$s/tmp;
        fastcgi_temp_path %1$s/tmp;
        uwsgi_temp_path %1$s/tmp;
        scgi_temp_path %1$s/tmp;
        types { text/html html; application/octet-stream bin; }
        server { listen 127.0.0.1:%2$d; root %1$s/www; }
      }
      """.formatted(dir, port));
    Process process = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", conf.toString(), "-e",
      dir.resolve("error.log").toString()).redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    Nginx nginx = new Nginx(process, port);
    nginx.awaitListening(dir);
    return nginx;
  }

  private void awaitListening(Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new AssertionError("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
        }
        Thread.sleep(20);
      }
    }
    close();
    throw new AssertionError("nginx did not listen on " + port);
  }

  public int port() {
    return port;
  }

  /** The URL of one of the served files, e.g. {@code page.html}. */
  public String url(String file) {
    return "http://127.0.0.1:" + port + "/" + file;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
