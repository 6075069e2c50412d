package io.asyncscenarios;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP scenarios at scale as users run them, the fat jar as a process: memory does not grow with the
 * number of URLs, so 20,000 of them fit in a heap that could never hold their bodies.
 */
class ScaleIT {

  @TempDir
  Path dir;

  @Test
  void twentyThousandDownloadsFitInAHeapOf96Megabytes() throws Exception {
    try (Nginx nginx = Nginx.start(dir.resolve("nginx"))) {
      // 20,000 pages of about 20 KB: 400 MB of bodies, four times the heap.
      String conf = new JsonObject()
        .put("scenarios", List.of("http-fetch", "download-and-save"))
        .put("report", new JsonObject().put("json", "r.json"))
        .put("http", new JsonObject().put("sites", List.of(nginx.url("page.html"))).put("repeat", 20_000).put("concurrency", 64))
        .encode();
      AppProcess app = AppProcess.run(dir, List.of("-Xmx96m"), "-conf", conf);
      assertEquals(0, app.exitCode(), app::toString);
      JsonObject report = new JsonObject(Files.readString(dir.resolve("r.json")));
      assertEquals("passed", report.getString("status"));
      try (var saved = Files.list(dir.resolve("work/downloaded_sites"))) {
        assertEquals(20_000, saved.filter(file -> file.getFileName().toString().endsWith(".html")).count());
      }
      assertTrue(app.stdout().contains("lines not shown (a JSON report, --report, keeps every one)"), app.stdout());
    }
  }
}
