package io.asyncscenarios.io;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves stand-ins for the tutorial's four sites on 127.0.0.1, so the HTTP scenarios run offline and
 * print what the tutorial printed: each page is HTML with the character count the tutorial measured,
 * partly Korean, so that characters and bytes differ. Each site answers after its own latency.
 */
public class SiteServer extends VerticleBase {

  /** The tutorial's sites and the characters it counted on each. */
  public static final Map<String, Integer> TUTORIAL_SITES = tutorialSites();

  private final List<Long> latenciesMs;
  private final Map<String, Buffer> pages = new LinkedHashMap<>();
  private HttpServer server;

  /** @param latenciesMs per site, in {@link #TUTORIAL_SITES} order; the last one repeats if short */
  public SiteServer(List<Long> latenciesMs) {
    this.latenciesMs = latenciesMs;
  }

  private static Map<String, Integer> tutorialSites() {
    Map<String, Integer> sites = new LinkedHashMap<>();
    sites.put("www.python.org", 51_601);
    sites.put("docs.python.org", 17_035);
    sites.put("pypi.org", 20_304);
    sites.put("peps.python.org", 571_517);
    return sites;
  }

  @Override
  public Future<?> start() {
    // Pages are made once and sent as they are: the server does no work per request but the waiting.
    TUTORIAL_SITES.forEach((host, chars) -> pages.put("/" + host, Buffer.buffer(page(host, chars).getBytes(StandardCharsets.UTF_8))));
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
      .requestHandler(this::handle);
    return server.listen();
  }

  private void handle(HttpServerRequest request) {
    Buffer page = pages.get(request.path());
    if (page == null) {
      request.response().setStatusCode(404).end("no such site");
      return;
    }
    long latency = latencyOf(new ArrayList<>(pages.keySet()).indexOf(request.path()));
    Runnable answer = () -> request.response().putHeader("content-type", "text/html; charset=utf-8").end(page);
    if (latency > 0) {
      vertx.setTimer(latency, id -> answer.run());
    } else {
      answer.run();
    }
  }

  private long latencyOf(int index) {
    return latenciesMs.isEmpty() ? 0 : latenciesMs.get(Math.min(index, latenciesMs.size() - 1));
  }

  /** The port it listens on, once started. */
  public int port() {
    return server.actualPort();
  }

  /** The tutorial's sites, labelled with their real URLs, fetched from this server. */
  public List<Site> sites() {
    List<Site> sites = new ArrayList<>();
    for (String host : TUTORIAL_SITES.keySet()) {
      sites.add(new Site("https://" + host, "http://127.0.0.1:" + port() + "/" + host));
    }
    return sites;
  }

  /** An HTML page of exactly {@code chars} characters about {@code host}. */
  static String page(String host, int chars) {
    String head = "<!doctype html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\"><title>" + host + "</title></head>\n<body>\n";
    String tail = "</body></html>\n";
    String paragraph = "<p>" + host + ": 비동기 프로그래밍은 I/O 바운드 작업에서 중요한 역할을 합니다. asyncio, aiohttp, aiofiles.</p>\n";
    StringBuilder html = new StringBuilder(chars).append(head);
    while (html.length() + paragraph.length() + tail.length() <= chars) {
      html.append(paragraph);
    }
    while (html.length() + tail.length() < chars) {
      html.append(' ');
    }
    return html.append(tail).toString();
  }
}
