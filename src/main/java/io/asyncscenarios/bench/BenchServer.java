package io.asyncscenarios.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;

/**
 * Answers every request at once with the same page, on 127.0.0.1: the server side of the HTTP
 * benchmark. Deploy several instances on one port and Vert.x spreads the connections over them.
 */
public class BenchServer extends VerticleBase {

  private final int port;
  private final Buffer page;

  public BenchServer(int port, Buffer page) {
    this.port = port;
    this.page = page;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
      .requestHandler(request -> request.response().putHeader("content-type", "text/html; charset=utf-8").end(page))
      .listen();
  }
}
