package io.asyncscenarios.scenario.bench;

import io.asyncscenarios.bench.BenchClient;
import io.asyncscenarios.bench.BenchServer;
import io.asyncscenarios.bench.Memory;
import io.asyncscenarios.bench.Reference;
import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.asyncscenarios.scenario.bench.BenchGatherScenario.round;

/**
 * HTTP fan-out: many requests at a fixed concurrency against a local server answering a 20 KB page,
 * spread over every event loop on both sides, beside {@code wrk} against the same server when it is on
 * the PATH.
 */
public class BenchHttpScenario extends Scenario {

  static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

  @Override
  protected Future<?> run() {
    int requests = config().getInteger("requests");
    int concurrency = config().getInteger("concurrency");
    int loops = Math.max(1, Math.min(config().getInteger("eventLoops"), concurrency));
    Buffer page = Buffer.buffer(new byte[config().getInteger("bodyBytes")]);
    JsonObject metrics = new JsonObject().put("requests", requests).put("concurrency", concurrency).put("eventLoops", loops);
    return vertx.executeBlocking(BenchHttpScenario::freePort)
      // Several server instances on one port: Vert.x shares it, one event loop each.
      .compose(port -> vertx.deployVerticle(() -> new BenchServer(port, page), new DeploymentOptions().setInstances(loops)).map(port))
      // A tenth of the requests first, not counted: JIT compilation would otherwise be measured, while wrk
      // later meets a warm server.
      .compose(port -> measure(port, Math.max(loops, requests / 10), concurrency, loops, new JsonObject()).map(port))
      .compose(port -> measure(port, requests, concurrency, loops, metrics).map(port))
      .compose(port -> compareWithWrk(port, concurrency, metrics))
      .map(v -> new JsonObject().put("metrics", metrics));
  }

  private Future<Void> measure(int port, int requests, int concurrency, int loops, JsonObject metrics) {
    List<BenchClient> clients = new ArrayList<>();
    for (int i = 0; i < loops; i++) {
      clients.add(new BenchClient("127.0.0.1", port, requests / loops + (i < requests % loops ? 1 : 0),
        concurrency / loops + (i < concurrency % loops ? 1 : 0)));
    }
    long start = System.nanoTime();
    return Future.all(clients.stream().map(client -> vertx.deployVerticle(client).compose(id -> client.done())).toList())
      .map(done -> {
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] latencies = clients.stream().flatMapToLong(c -> Arrays.stream(c.latencies())).sorted().toArray();
        long bytes = clients.stream().mapToLong(BenchClient::bytes).sum();
        long errors = clients.stream().mapToLong(BenchClient::errors).sum();
        if (!metrics.containsKey("requests")) {
          return null;
        }
        metrics.put("seconds", round(seconds)).put("reqPerSec", Math.round(requests / seconds))
          .put("p50Ms", Memory.round(percentile(latencies, 0.50) / 1e6, 2)).put("p99Ms", Memory.round(percentile(latencies, 0.99) / 1e6, 2))
          .put("bytes", bytes).put("errors", errors);
        print("%,d requests at concurrency %d in %.2f s: %,d req/s, p50 %.2f ms, p99 %.2f ms, %,d body bytes, %d errors",
          requests, metrics.getInteger("concurrency"), seconds, metrics.getLong("reqPerSec"), percentile(latencies, 0.50) / 1e6,
          percentile(latencies, 0.99) / 1e6, bytes, errors);
        return null;
      });
  }

  private Future<Void> compareWithWrk(int port, int concurrency, JsonObject metrics) {
    if (!config().getBoolean("compare") || !Reference.available("wrk")) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> Reference.run(List.of("wrk", "-t1", "-c" + concurrency, "-d5s", "http://127.0.0.1:" + port + "/"),
        null, null, 60))
      .map(output -> {
        Matcher rate = WRK_RATE.matcher(output);
        if (rate.find()) {
          double wrk = Double.parseDouble(rate.group(1));
          metrics.put("wrkReqPerSec", Math.round(wrk)).put("ratioToWrk", Memory.round(metrics.getLong("reqPerSec") / wrk, 2));
          print("wrk -t1 -c%d against the same server: %,d req/s; ours is %.2f of it", concurrency, Math.round(wrk),
            metrics.getDouble("ratioToWrk"));
        }
        return null;
      });
  }

  static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public List<Claim> claims() {
    return List.of(Claim.of("every request answered 200, no error", t ->
      Verdict.equal(0L, t.result().getJsonObject("metrics").getLong("errors"))));
  }
}
