package io.asyncscenarios.cluster;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Supplier;

/**
 * A node's status on its own address (the {@code -cluster-host}, 127.0.0.1 unless told otherwise): {@code /health} (node id, cluster size and members, tasks in flight) and
 * {@code /tasks} (its live tasks), as JSON.
 */
public class StatusServer extends VerticleBase {

  private final String host;
  private final int port;
  private final ClusterNodes nodes;
  private final Supplier<JsonArray> liveTasks;
  private HttpServer server;

  public StatusServer(String host, int port, ClusterNodes nodes, Supplier<JsonArray> liveTasks) {
    this.host = host;
    this.port = port;
    this.nodes = nodes;
    this.liveTasks = liveTasks;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)).requestHandler(this::handle);
    return server.listen();
  }

  public int actualPort() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    JsonArray tasks = liveTasks.get();
    switch (request.path()) {
      case "/health" -> {
        List<String> members = nodes.all();
        json(request, new JsonObject().put("node", nodes.self()).put("clusterSize", members.size())
          .put("members", new JsonArray(members.stream().sorted().toList())).put("tasksInFlight", tasks.size()).encode());
      }
      case "/tasks" -> json(request, tasks.encode());
      default -> request.response().setStatusCode(404).end("try /health or /tasks\n");
    }
  }

  private static void json(HttpServerRequest request, String body) {
    request.response().putHeader("content-type", "application/json").end(body);
  }
}
