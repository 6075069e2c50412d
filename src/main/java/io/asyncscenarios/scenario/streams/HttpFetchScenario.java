package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.io.BodySink;
import io.asyncscenarios.io.Site;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * aiohttp in Vert.x: GET several sites at once with one client, each fetch its own task, gathered with
 * {@link Future#join} so that one site's failure is reported beside the others' pages
 * ({@code return_exceptions=True}) rather than hiding them.
 */
public class HttpFetchScenario extends HttpScenario {

  // The run's one client plays the session; the body is counted as it arrives, never held whole.
  private Future<JsonObject> fetchUrl(Site site) {
    BodySink body = BodySink.counting(settings().http().maxBodyBytes());
    return fetcher().fetch(site.url(), body)
      .map(status -> new JsonObject().put("status", status).put("chars", body.chars()).put("bytes", body.bytes()));
  }

  // A task per site, as create_task; started in slices, so that 100,000 sites never hold the loop long.
  private Future<CompositeFuture> downloadSites(List<Site> sites) {
    return tasks.startEach(sites.size(), i -> sites.get(i).label(), (i, label) -> fetchUrl(sites.get(i)))
      .compose(HttpScenario::gathered);
  }

  private Future<JsonObject> processSites(List<Site> sites) {
    long start = System.nanoTime();
    return downloadSites(sites).compose(results -> {
      print("Fetched %d sites in %.2f s", sites.size(), (System.nanoTime() - start) / 1e9);
      // for url, html in zip(sites, results): in the sites' order, once all are in; a failure in its place.
      return report(sites, results, "fetch", (url, html) -> url + ": " + html.getLong("chars") + " characters");
    });
  }

  // async def main(): the sites are the configured ones, or the tutorial's four served on 127.0.0.1.
  @Override
  protected Future<?> run() {
    return sites().compose(this::processSites);
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("every URL answered or reported with its error", HttpScenario::accountedFor),
      Claim.of("the fetches overlapped in time", HttpScenario::overlapped),
      Claim.of("the embedded sites have the tutorial's sizes", HttpScenario::tutorialSizes));
  }
}
