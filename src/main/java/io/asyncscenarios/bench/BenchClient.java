package io.asyncscenarios.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * One event loop's share of the HTTP benchmark: keeps {@code concurrency} requests in flight until it has
 * sent {@code requests}, counting body bytes as they pass instead of collecting them.
 */
public class BenchClient extends VerticleBase {

  private final String host;
  private final int port;
  private final int requests;
  private final int concurrency;
  private final Promise<BenchClient> done = Promise.promise();
  private final long[] latencies;
  private HttpClientAgent client;
  private int sent;
  private int finished;
  private long bytes;
  private long errors;

  public BenchClient(String host, int port, int requests, int concurrency) {
    this.host = host;
    this.port = port;
    this.requests = requests;
    this.concurrency = concurrency;
    this.latencies = new long[requests];
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(concurrency));
    for (int i = 0; i < Math.min(concurrency, requests); i++) {
      next();
    }
    return Future.succeededFuture();
  }

  private void next() {
    if (sent == requests) {
      return;
    }
    int index = sent++;
    long start = System.nanoTime();
    client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI("/"))
      .compose(request -> request.send())
      .compose(response -> {
        response.handler(chunk -> bytes += chunk.length());
        return response.end().map(response.statusCode());
      })
      .onComplete(result -> {
        latencies[index] = System.nanoTime() - start;
        if (result.failed() || result.result() != 200) {
          errors++;
        }
        if (++finished == requests) {
          done.complete(this);
        } else {
          next();
        }
      });
  }

  public Future<BenchClient> done() {
    return done.future();
  }

  public long[] latencies() {
    return latencies;
  }

  public long bytes() {
    return bytes;
  }

  public long errors() {
    return errors;
  }

  @Override
  public Future<?> stop() {
    return client.close();
  }
}
