package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.runner.ScenarioOutcome;
import io.asyncscenarios.runner.Status;
import io.asyncscenarios.runner.TestRuns;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * download-and-save against a real HTTP server that nobody here wrote: nginx from Debian's packages,
 * serving static files on a free loopback port. CI installs it; elsewhere the test is skipped without it.
 */
@ExtendWith(VertxExtension.class)
class NginxDownloadTest {

  static final Path NGINX = Path.of("/usr/sbin/nginx");

  @TempDir
  Path dir;
  private Process nginx;
  private int port;

  @BeforeEach
  void startNginx() throws Exception {
    assumeTrue(Files.isExecutable(NGINX) || System.getenv("CI") != null, "nginx is not installed (apt-get install nginx-light)");
    Path www = Files.createDirectories(dir.resolve("www"));
    Files.writeString(www.resolve("index.html"), "<html><body>" + "비동기 asyncio 튜토리얼 — Vert.x\n".repeat(5000) + "</body></html>");
    byte[] binary = new byte[1 << 20];
    new Random(1).nextBytes(binary);
    Files.write(www.resolve("data.bin"), binary);
    Files.createDirectories(dir.resolve("tmp"));
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path conf = Files.writeString(dir.resolve("nginx.conf"), """
      daemon off;
      master_process off;
      pid %1$s/nginx.pid;
      error_log %1$s/error.log;
      events { worker_connections 64; }
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
    nginx = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", conf.toString(), "-e", dir.resolve("error.log").toString())
      .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    awaitListening();
  }

  private void awaitListening() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        if (!nginx.isAlive()) {
          throw new AssertionError("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("nginx did not listen on " + port);
  }

  @AfterEach
  void stopNginx() throws Exception {
    if (nginx != null) {
      nginx.destroy();
      nginx.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void downloadsReproduceTheServedFilesByteForByte(Vertx vertx) throws Exception {
    String base = "http://127.0.0.1:" + port;
    JsonObject config = new JsonObject().put("workDir", dir.resolve("work").toString())
      .put("http", new JsonObject().put("sites", new JsonArray().add(base + "/index.html").add(base + "/data.bin")));
    ScenarioOutcome outcome = TestRuns.run(vertx, "download-and-save", config);
    assertEquals(Status.PASSED, outcome.status(), () -> outcome.claims() + " " + outcome.error());
    Path saved = dir.resolve("work/downloaded_sites");
    assertArrayEquals(Files.readAllBytes(dir.resolve("www/index.html")), Files.readAllBytes(saved.resolve("127.0.0.1_index.html")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("www/data.bin")), Files.readAllBytes(saved.resolve("127.0.0.1_data.bin.html")));
  }
}
