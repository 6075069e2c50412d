package io.asyncscenarios.scenario.functions;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.scenario.Scenario;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * For each URL, fetches then processes, all URLs at once: each chain is sequential inside
 * ({@link Future#compose}) and the chains run concurrently ({@link Future#all}). The fetch delays are
 * random but drawn from the configured seed, so a run can be repeated exactly.
 */
public class AwaitChainScenario extends Scenario {

  // async def fetch_data(url): its random.uniform(0.5, 2) is drawn by main(), from the seed, and passed in.
  private Future<String> fetchData(String url, double delay) {
    print("Fetching data from %s", url);
    return sleep(delay).map(v -> "Data from " + url);
  }

  private Future<String> processData(String data) {
    print("Processing %s", data);
    return sleep(seconds("process")).map(v -> "Processed " + data);
  }

  // Each step is a task of its own, so that the claims can see when each began and ended.
  private Future<String> fetchAndProcess(String url, double fetchDelay) {
    return tasks.start("fetch " + url, () -> fetchData(url, fetchDelay)).future()
      .compose(data -> tasks.start("process " + url, () -> processData(data)).future());
  }

  // async def main():
  @Override
  protected Future<?> run() {
    List<String> urls = strings("urls");
    Random random = new Random(settings().seed());
    double min = seconds("fetchMin");
    double max = Math.max(min, seconds("fetchMax"));
    JsonArray delays = new JsonArray();
    List<Future<String>> chains = new ArrayList<>();
    for (String url : urls) {
      double delay = min + random.nextDouble() * (max - min);
      delays.add(delay);
      chains.add(tasks.start(url, () -> fetchAndProcess(url, delay)).future());
    }
    return Future.all(chains).map(gathered -> {
      List<String> results = gathered.list();
      results.forEach(result -> print(result));
      return new JsonObject().put("fetchDelays", delays).put("results", new JsonArray(results));
    });
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("per URL, processing starts after its fetch ends", t -> {
        List<String> early = new ArrayList<>();
        for (Object url : t.params().getJsonArray("urls")) {
          if (t.startOf("process " + url) < t.endOf("fetch " + url)) {
            early.add(String.valueOf(url));
          }
        }
        return Verdict.equal(List.of(), early);
      }),
      Claim.of("results in input order, whatever order the fetches ended in", t -> {
        List<String> expected = new ArrayList<>();
        t.params().getJsonArray("urls").forEach(url -> expected.add("Processed Data from " + url));
        return Verdict.equal(expected, t.result().getJsonArray("results").getList());
      }),
      Claim.of("total ≈ the longest fetch + processing", t -> {
        double longest = t.result().getJsonArray("fetchDelays").stream()
          .mapToDouble(d -> ((Number) d).doubleValue()).max().orElse(0);
        return t.about(longest + t.params().getDouble("process"), t.totalMs());
      }));
  }
}
