package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.io.BodySink;
import io.asyncscenarios.io.Site;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * aiohttp in Vert.x: GET several sites at once with one client, each fetch its own task, gathered with
 * {@link Future#join} so that one site's failure is reported beside the others' pages
 * ({@code return_exceptions=True}) rather than hiding them.
 */
public class HttpFetchScenario extends HttpScenario {

  @Override
  protected Future<?> run() {
    return sites().compose(sites -> {
      long start = System.nanoTime();
      // A task per site, as create_task; started in slices, so that 100,000 sites never hold the loop long.
      return tasks.startEach(sites.size(), i -> sites.get(i).label(), (i, label) -> fetch(sites.get(i)))
        .compose(fetches -> gather(sites, fetches, start));
    });
  }

  private Future<JsonObject> gather(List<Site> sites, List<Future<JsonObject>> fetches, long start) {
    return gathered(fetches).compose(gathered -> {
      print("Fetched %d sites in %.2f s", sites.size(), (System.nanoTime() - start) / 1e9);
      // for url, html in zip(sites, results): print(...) -- in the sites' order, once all are in.
      return report(sites, gathered, "fetch", (url, page) -> url + ": " + page.getLong("chars") + " characters");
    });
  }

  private Future<JsonObject> fetch(Site site) {
    BodySink body = BodySink.counting(settings().http().maxBodyBytes());
    return fetcher().fetch(site.url(), body)
      .map(status -> new JsonObject().put("status", status).put("chars", body.chars()).put("bytes", body.bytes()));
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("every URL answered or reported with its error", HttpScenario::accountedFor),
      Claim.of("the fetches overlapped in time", HttpScenario::overlapped),
      Claim.of("the embedded sites have the tutorial's sizes", HttpScenario::tutorialSizes));
  }
}
