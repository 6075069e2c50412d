package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.io.HttpOptions;
import io.asyncscenarios.io.Site;
import io.asyncscenarios.io.SiteServer;
import io.asyncscenarios.record.Timeline;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * What the HTTP scenarios share: the sites to fetch (the configured ones, or the tutorial's four served
 * by an embedded {@link SiteServer} on 127.0.0.1), fetched with the run's one {@link #fetcher()}.
 */
abstract class HttpScenario extends Scenario {

  /** Finds the sites; an embedded server is deployed as a child, so it goes with the scenario. */
  protected Future<List<Site>> sites() {
    HttpOptions http = options().http();
    if (!http.sites().isEmpty()) {
      return Future.succeededFuture(http.sites().stream().map(Site::of).toList());
    }
    SiteServer server = new SiteServer(http.siteLatencies().stream().map(this::millis).toList());
    return vertx.deployVerticle(server).map(id -> server.sites());
  }

  /**
   * Reads the outcome of each site's fetch: successes as {@code describe} makes them, failures with
   * their reason, one line printed each; fails the scenario only when {@code http.failOnError} says so.
   */
  protected Future<JsonObject> report(List<Site> sites, CompositeFuture fetches, String verb) {
    JsonArray results = new JsonArray();
    int failed = 0;
    for (int i = 0; i < sites.size(); i++) {
      String label = sites.get(i).label();
      if (fetches.succeeded(i)) {
        JsonObject done = fetches.resultAt(i);
        results.add(done.put("url", label));
      } else {
        failed++;
        String reason = fetches.cause(i).getMessage();
        print("%s: %s failed: %s", label, verb, reason);
        results.add(new JsonObject().put("url", label).put("error", reason));
      }
    }
    JsonObject result = new JsonObject().put("siteCount", sites.size()).put("embedded", options().http().sites().isEmpty())
      .put("results", results);
    if (failed > 0 && options().http().failOnError()) {
      return Future.failedFuture(failed + " of " + sites.size() + " URLs failed (http.failOnError is on)");
    }
    return Future.succeededFuture(result);
  }

  /** Held when the tasks of the sites overlapped: together they took less than one after another. */
  static Verdict overlapped(Timeline t) {
    JsonArray results = t.result().getJsonArray("results");
    double sum = 0;
    double first = Double.MAX_VALUE;
    double last = 0;
    for (int i = 0; i < results.size(); i++) {
      String task = results.getJsonObject(i).getString("url");
      sum += t.durationOf(task);
      first = Math.min(first, t.startOf(task));
      last = Math.max(last, t.endOf(task));
    }
    double span = last - first;
    boolean held = results.size() < 2 || span < sum;
    return Verdict.of(held, String.format("less than the sum, %.0f ms", sum), String.format("%.0f ms", span));
  }

  /** With the embedded sites, held when each page arrived whole, with the characters the tutorial counted. */
  static Verdict tutorialSizes(Timeline t) {
    if (!t.result().getBoolean("embedded")) {
      return Verdict.of(true, "n/a (configured sites)", "n/a");
    }
    JsonArray chars = new JsonArray();
    t.result().getJsonArray("results").forEach(r -> chars.add(((JsonObject) r).getValue("chars")));
    return Verdict.equal(new JsonArray(new ArrayList<>(SiteServer.TUTORIAL_SITES.values())).encode(), chars.encode());
  }

  /** Held when every site has a result or a reported error. */
  static Verdict accountedFor(Timeline t) {
    JsonArray results = t.result().getJsonArray("results");
    long reported = results.stream().map(JsonObject.class::cast)
      .filter(r -> r.containsKey("chars") || r.containsKey("error")).count();
    return Verdict.equal(t.result().getInteger("siteCount").longValue(), reported);
  }
}
