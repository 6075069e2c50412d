package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.claim.Timeline;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.io.HttpOptions;
import io.asyncscenarios.io.Site;
import io.asyncscenarios.io.SiteServer;
import io.asyncscenarios.record.Event;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.scenario.Scenario;
import io.asyncscenarios.task.Task;
import io.asyncscenarios.task.Tasks;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BiFunction;

/**
 * What the HTTP scenarios share: the sites to fetch (the configured ones, or the tutorial's four served
 * by an embedded {@link SiteServer} on 127.0.0.1), fetched with the run's one {@link #fetcher()}.
 */
abstract class HttpScenario extends Scenario {

  /**
   * Finds the sites, each {@code http.repeat} times; an embedded server is deployed as a child, so it
   * goes with the scenario.
   */
  protected Future<List<Site>> sites() {
    HttpOptions http = settings().http();
    if (!http.sites().isEmpty()) {
      return Future.succeededFuture(Site.repeated(http.sites().stream().map(Site::of).toList(), http.repeat()));
    }
    SiteServer server = new SiteServer(http.siteLatencies().stream().map(this::millis).toList());
    return vertx.deployVerticle(server).map(id -> Site.repeated(server.sites(), http.repeat()));
  }

  /** How many URLs the configuration asks for, counted from it rather than from the list that was fetched. */
  private int urlsConfigured() {
    HttpOptions http = settings().http();
    return (http.sites().isEmpty() ? SiteServer.TUTORIAL_SITES.size() : http.sites().size()) * http.repeat();
  }

  /**
   * Gathers the fetches, all outcomes kept (return_exceptions=True). If the scenario was cancelled
   * meanwhile (an interrupt), it ends there, as a cancelled coroutine's gather raises CancelledError
   * instead of printing what it got.
   */
  protected static Future<CompositeFuture> gathered(List<? extends Future<?>> fetches) {
    Task<?> self = Tasks.currentTask();
    CompositeFuture all = Future.join(fetches);
    return all.transform(done -> self != null && self.isCancelled()
      ? Future.failedFuture(new CancellationException("cancelled")) : Future.succeededFuture(all));
  }

  /**
   * Reads the outcome of each site's fetch after the gather, in the sites' order as the tutorial's
   * {@code zip(sites, results)} does: successes printed as {@code line} says, failures with their reason,
   * one line each. Partial failure is reported beside the results ({@code return_exceptions=True});
   * the scenario fails when every URL failed (there is nothing to show) or, with {@code http.failOnError},
   * when any did.
   */
  protected Future<JsonObject> report(List<Site> sites, CompositeFuture fetches, String verb,
                                      BiFunction<String, JsonObject, String> line) {
    JsonArray results = new JsonArray();
    Failures failures = new Failures();
    // In slices: at 100,000 URLs, reading and printing every outcome takes longer than an event loop may be held.
    return Tasks.eachInSlices(vertx, sites.size(), i -> {
      String label = sites.get(i).label();
      if (fetches.succeeded(i)) {
        JsonObject done = fetches.resultAt(i);
        print(line.apply(label, done));
        results.add(done.put("url", label));
      } else {
        String reason = fetches.cause(i).getMessage();
        print(label + ": " + verb + " failed: " + reason);
        results.add(new JsonObject().put("url", label).put("error", reason));
        failures.add(label + ": " + reason);
      }
    }).compose(v -> outcome(sites.size(), failures.count, failures.first, results));
  }

  /** How many URLs failed, and the first of them with its reason. */
  private static final class Failures {
    int count;
    String first;

    void add(String failure) {
      if (count++ == 0) {
        first = failure;
      }
    }
  }

  private Future<JsonObject> outcome(int urls, int failed, String firstFailure, JsonArray results) {
    if (failed > 0 && failed == urls) {
      return Future.failedFuture(failed == 1 ? "the only URL failed: " + firstFailure
        : "all " + failed + " URLs failed; the first: " + firstFailure);
    }
    if (failed > 0 && settings().http().failOnError()) {
      return Future.failedFuture(failed + " of " + urls + " URLs failed (http.failOnError is on)");
    }
    return Future.succeededFuture(new JsonObject().put("siteCount", urlsConfigured())
      .put("embedded", settings().http().sites().isEmpty()).put("repeat", settings().http().repeat())
      .put("results", results));
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
    JsonArray expected = new JsonArray();
    int repeat = t.result().getInteger("repeat", 1);
    SiteServer.TUTORIAL_SITES.values().forEach(size -> expected.addAll(new JsonArray(Collections.nCopies(repeat, size))));
    return Verdict.equal(expected.encode(), chars.encode());
  }

  /**
   * Held when the configured number of URLs each have one result, and each result agrees with how its
   * task ended as the timeline recorded it: a page for a task that finished, an error for one that
   * failed. (The results alone would agree with themselves whatever happened.)
   */
  static Verdict accountedFor(Timeline t) {
    // One pass over the events, not a scan per URL: there can be a million of them. Counted per name,
    // as a URL listed twice names two tasks.
    Map<String, int[]> ends = new HashMap<>();
    for (Event event : t.events()) {
      if (event.type() == EventType.FINISH || event.type() == EventType.ERROR) {
        ends.computeIfAbsent(event.task(), name -> new int[2])[event.type() == EventType.FINISH ? 0 : 1]++;
      }
    }
    JsonArray results = t.result().getJsonArray("results");
    long agreeing = 0;
    List<String> disagreeing = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      JsonObject r = results.getJsonObject(i);
      int[] end = ends.getOrDefault(r.getString("url"), new int[2]);
      int kind = r.containsKey("error") ? 1 : r.containsKey("chars") ? 0 : -1;
      if (kind >= 0 && end[kind] > 0) {
        end[kind]--;
        agreeing++;
      } else if (disagreeing.size() < 5) {
        disagreeing.add(r.getString("url"));
      }
    }
    String expected = t.result().getInteger("siteCount") + " URLs, each with a page or an error matching its task's end";
    String actual = results.size() + " results, " + agreeing + " matching"
      + (disagreeing.isEmpty() ? "" : ", not (first " + disagreeing.size() + "): " + disagreeing);
    return Verdict.of(agreeing == results.size() && results.size() == t.result().getInteger("siteCount"), expected, actual);
  }
}
