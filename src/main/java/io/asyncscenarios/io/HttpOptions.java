package io.asyncscenarios.io;

import io.asyncscenarios.param.ConfigException;
import io.asyncscenarios.param.ConfigReader;
import io.asyncscenarios.param.ParamSpec;
import io.asyncscenarios.param.Range;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * How the HTTP scenarios fetch: which sites, how many at once, and the limits that keep a bad site from
 * hanging or flooding the run. Read from the {@code http} section of the configuration.
 */
public record HttpOptions(List<String> sites, int concurrency, long timeoutMs, long deadlineMs, long maxBodyBytes,
                          boolean followRedirects, int maxRedirects, boolean failOnError, List<Double> siteLatencies,
                          int repeat) {

  /** Sites in the configuration: each is a string held for the whole run. */
  public static final int MAX_SITES = 100_000;
  /** URLs in one run, sites times {@code repeat}: each costs a task, its events and its result, a few hundred bytes. */
  public static final int MAX_URLS = 1_000_000;
  public static final int DEFAULT_REPEAT = 1;
  public static final int DEFAULT_CONCURRENCY = 16;
  public static final long DEFAULT_TIMEOUT_MS = 10_000;
  /**
   * A minute for one URL, redirects and body included: a 64 MiB body (the default limit) needs about
   * 1 MB/s to make it, and a server that keeps a fetch alive with a byte now and then is let go.
   */
  public static final long DEFAULT_DEADLINE_MS = 60_000;
  /** The longest either limit may be: an hour. */
  public static final long MAX_WAIT_MS = 3_600_000;
  public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;
  public static final boolean DEFAULT_FOLLOW_REDIRECTS = true;
  public static final int DEFAULT_MAX_REDIRECTS = 5;
  /** Seconds at time scale 1 that each embedded site takes to answer, in the tutorial's site order. */
  public static final List<Double> DEFAULT_SITE_LATENCIES = List.of(0.4, 0.2, 0.3, 0.5);

  public static HttpOptions fromConfig(ConfigReader http) {
    HttpOptions options = new HttpOptions(
      http.strings("sites", List.of(), MAX_SITES),
      (int) http.integer("concurrency", DEFAULT_CONCURRENCY, Range.atLeast(1).atMost(1024)),
      http.integer("timeoutMs", DEFAULT_TIMEOUT_MS, Range.atLeast(1).atMost(MAX_WAIT_MS)),
      http.integer("deadlineMs", DEFAULT_DEADLINE_MS, Range.atLeast(1).atMost(MAX_WAIT_MS)),
      http.integer("maxBodyBytes", DEFAULT_MAX_BODY_BYTES, Range.atLeast(1).atMost(1L << 40)),
      http.bool("followRedirects", DEFAULT_FOLLOW_REDIRECTS),
      (int) http.integer("maxRedirects", DEFAULT_MAX_REDIRECTS, Range.atLeast(0).atMost(32)),
      http.bool("failOnError", false),
      http.numbers("siteLatencies", DEFAULT_SITE_LATENCIES, Range.atLeast(0).atMost(ParamSpec.MAX_SECONDS), 4),
      (int) http.integer("repeat", DEFAULT_REPEAT, Range.atLeast(1).atMost(MAX_URLS)));
    http.rejectUnknown();
    int sites = options.sites().isEmpty() ? SiteServer.TUTORIAL_SITES.size() : options.sites().size();
    if ((long) sites * options.repeat() > MAX_URLS) {
      throw new ConfigException(http.path("repeat") + ": " + sites + " sites fetched " + options.repeat() + " times each make "
        + (long) sites * options.repeat() + " URLs, over the limit of " + MAX_URLS);
    }
    return options;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (!sites.isEmpty()) {
      json.put("sites", new JsonArray(sites));
    }
    return json
      .put("concurrency", concurrency)
      .put("timeoutMs", timeoutMs)
      .put("deadlineMs", deadlineMs)
      .put("maxBodyBytes", maxBodyBytes)
      .put("followRedirects", followRedirects)
      .put("maxRedirects", maxRedirects)
      .put("failOnError", failOnError)
      .put("siteLatencies", new JsonArray(siteLatencies))
      .put("repeat", repeat);
  }
}
