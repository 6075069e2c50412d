package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.io.AtomicFiles;
import io.asyncscenarios.io.BodySink;
import io.asyncscenarios.io.FileErrors;
import io.asyncscenarios.io.SafeNames;
import io.asyncscenarios.io.Site;
import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.file.FileSystem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * aiohttp and aiofiles together: fetch the sites at once and stream each body straight into
 * {@code downloaded_sites/<name>.html}, never holding a whole page in memory. Each file appears whole,
 * through a temporary file and an atomic move, or not at all.
 *
 * <p>A download opens its file only once its response has arrived, inside its {@code http.concurrency}
 * permit, and has closed and moved it before the permit goes: the open files are bounded by the
 * concurrency, however many URLs there are (opening all files first ran out of descriptors).
 */
public class DownloadAndSaveScenario extends HttpScenario {

  static final String FOLDER = "downloaded_sites";
  static final long PROGRESS_MS = 250;

  @Override
  protected Future<?> run() {
    FileSystem fs = vertx.fileSystem();
    Path folder = Path.of(options().workDir(), FOLDER);
    SafeNames names = new SafeNames();
    return fs.mkdirs(folder.toString())
      .recover(failure -> Future.failedFuture(FileErrors.describe(failure)))
      .compose(v -> sites())
      .compose(sites -> {
        DownloadProgress progress = new DownloadProgress(sites.size());
        // A few progress updates a second; the console shows them only on a terminal.
        long timer = vertx.setPeriodic(PROGRESS_MS, id -> recorder().progress(progress.line()));
        // A task per site, started in slices; each names its file as it starts, in the sites' order.
        return tasks.startEach(sites.size(), i -> sites.get(i).label(),
            (i, label) -> download(sites.get(i), folder.resolve(names.forUrl(label)), progress))
          .compose(downloads -> gather(sites, downloads))
          .andThen(done -> vertx.cancelTimer(timer));
      })
      .compose(result -> inspect(folder, result));
  }

  private Future<JsonObject> gather(List<Site> sites, List<Future<JsonObject>> downloads) {
    CompositeFuture gathered = Future.join(downloads);
    // for filename, size in results: print(...) -- in the sites' order, once all are in.
    return gathered.transform(done -> report(sites, gathered, "download", (url, saved) -> "Downloaded "
      + Path.of(FOLDER, Path.of(saved.getString("file")).getFileName().toString()) + ": " + saved.getLong("chars") + " characters"));
  }

  private Future<JsonObject> download(Site site, Path target, DownloadProgress progress) {
    BodySink[] body = new BodySink[1];
    return fetcher().fetch(site.url(), response -> AtomicFiles.stream(vertx, target.toString(), file -> {
          body[0] = BodySink.into(file, options().http().maxBodyBytes());
          progress.receiving(body[0]);
          return response.pipeTo(body[0]);
        }))
      .andThen(done -> progress.ended(body[0]))
      .map(v -> new JsonObject().put("file", target.toString()).put("chars", body[0].chars()).put("bytes", body[0].bytes()));
  }

  /** Looks at what is on disk now: each file's size, and whatever else the folder holds. */
  private Future<JsonObject> inspect(Path folder, JsonObject result) {
    FileSystem fs = vertx.fileSystem();
    List<Future<?>> sizes = new ArrayList<>();
    for (Object entry : result.getJsonArray("results")) {
      JsonObject download = (JsonObject) entry;
      if (download.containsKey("file")) {
        sizes.add(fs.props(download.getString("file")).onSuccess(p -> download.put("sizeOnDisk", p.size())));
      }
    }
    return Future.all(sizes)
      .compose(v -> fs.readDir(folder.toString()))
      .map(entries -> result.put("folder", folder.toAbsolutePath().toString()).put("folderEntries", new JsonArray(entries)));
  }

  @Override
  public List<Claim> claims() {
    return List.of(
      Claim.of("every URL saved or reported with its error", HttpScenario::accountedFor),
      Claim.of("the embedded sites were saved with the tutorial's sizes", HttpScenario::tutorialSizes),
      Claim.of("each file holds exactly the body received", t -> {
        List<String> wrong = new ArrayList<>();
        for (Object entry : t.result().getJsonArray("results")) {
          JsonObject download = (JsonObject) entry;
          if (download.containsKey("file") && !download.getLong("bytes").equals(download.getLong("sizeOnDisk"))) {
            wrong.add(download.getString("file"));
          }
        }
        return Verdict.equal(List.of(), wrong);
      }),
      Claim.of("nothing written outside the folder", t -> {
        Path folder = Path.of(t.result().getString("folder"));
        // What the folder really holds, as listed after the run, not only where the results say they wrote.
        Set<String> listed = new HashSet<>();
        t.result().getJsonArray("folderEntries").forEach(entry -> listed.add(Path.of(String.valueOf(entry)).normalize().toString()));
        List<String> outside = new ArrayList<>();
        for (Object entry : t.result().getJsonArray("results")) {
          String file = ((JsonObject) entry).getString("file");
          Path path = file == null ? null : Path.of(file).toAbsolutePath().normalize();
          if (path != null && (!path.getParent().equals(folder) || !listed.contains(path.toString()))) {
            outside.add(file);
          }
        }
        return Verdict.equal(List.of(), outside);
      }),
      Claim.of("no partial file left behind", t -> Verdict.equal(List.of(),
        t.result().getJsonArray("folderEntries").stream().map(String::valueOf)
          .filter(name -> name.endsWith(AtomicFiles.TEMP_SUFFIX)).toList())));
  }
}
