package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.io.AtomicFiles;
import io.asyncscenarios.io.BodySink;
import io.asyncscenarios.io.FileErrors;
import io.asyncscenarios.io.Leftovers;
import io.asyncscenarios.io.SafeNames;
import io.asyncscenarios.io.Site;
import io.asyncscenarios.io.WorkFolder;
import io.asyncscenarios.record.EventType;
import io.asyncscenarios.task.Tasks;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * aiohttp and aiofiles together: fetch the sites at once and stream each body straight into
 * {@code downloaded_sites/<name>.html}, never holding a whole page in memory. Each file appears whole,
 * through a temporary file and an atomic move, or not at all.
 *
 * <p>A download opens its file only once its response has arrived, inside its {@code http.concurrency}
 * permit, and has closed and moved it before the permit goes: the open files are bounded by the
 * concurrency, however many URLs there are (opening all files first ran out of descriptors).
 *
 * <p>The folder is resolved once, by the file system, to its real path, and refused when it is a link
 * leading outside the work folder; the claims judge what is on disk afterwards the same way
 * ({@link SavedFiles}).
 */
public class DownloadAndSaveScenario extends HttpScenario {

  static final String FOLDER = "downloaded_sites";
  static final long PROGRESS_MS = 250;

  // response.text() and f.write(content) become one stream: the page is never held whole, and its file
  // (named by the caller, safely and uniquely) fills under a temporary name, moved into place once complete.
  private Future<JsonObject> downloadAndSave(Site site, Path filename, DownloadProgress progress) {
    BodySink[] body = new BodySink[1];
    return fetcher().fetch(site.url(), response -> AtomicFiles.stream(vertx, filename.toString(), file -> {
          body[0] = BodySink.into(file, settings().http().maxBodyBytes());
          progress.receiving(body[0]);
          return response.pipeTo(body[0]);
        }))
      .andThen(done -> progress.ended(body[0]))
      .map(v -> new JsonObject().put("file", filename.toString()).put("chars", body[0].chars()).put("bytes", body[0].bytes()));
  }

  private Future<JsonObject> processSites(List<Site> sites, Path folder) {
    SafeNames names = new SafeNames();
    DownloadProgress progress = new DownloadProgress(sites.size());
    // A few progress updates a second; the console shows them only on a terminal.
    long timer = vertx.setPeriodic(PROGRESS_MS, id -> recorder().progress(progress.line()));
    // A task per site, started in slices; each names its file as it starts, in the sites' order.
    return tasks.startEach(sites.size(), i -> sites.get(i).label(),
        (i, label) -> downloadAndSave(sites.get(i), folder.resolve(names.forUrl(label)), progress))
      .compose(HttpScenario::gathered)
      // for filename, size in results: in the sites' order, once all are in; a failure in its place.
      .compose(results -> report(sites, results, "download", (url, saved) -> "Downloaded "
        + Path.of(FOLDER, Path.of(saved.getString("file")).getFileName().toString()) + ": " + saved.getLong("chars") + " characters"))
      .andThen(done -> vertx.cancelTimer(timer));
  }

  // async def main(): the sites are the configured ones, or the tutorial's served on 127.0.0.1; afterwards
  // what is on disk is looked at, for the claims.
  @Override
  protected Future<?> run() {
    Path work = Path.of(settings().workDir());
    return makeFolder(work)
      .compose(folder -> sites().compose(sites -> processSites(sites, folder)))
      .compose(result -> Tasks.waitOn("worker", "executeBlocking inspect the saved files",
        () -> vertx.executeBlocking(() -> SavedFiles.inspect(work, work.resolve(FOLDER), result), false)));
  }

  /**
   * {@code os.makedirs(folder, exist_ok=True)}, off the event loop: the folder's real path, refused when it
   * is a link leading outside the work folder, with what dead runs left in it swept.
   */
  private Future<Path> makeFolder(Path work) {
    return Tasks.waitOn("worker", "executeBlocking os.makedirs", () -> vertx.executeBlocking(() -> {
        Path folder = WorkFolder.child(work, FOLDER);
        // Every name we save ends so: anything else in the folder is not ours to remove.
        return new Prepared(folder, Leftovers.sweep(folder, name -> name.endsWith(".html")).describe());
      }, false))
      .recover(failure -> Future.failedFuture(FileErrors.describe(failure)))
      .map(prepared -> {
        if (prepared.swept() != null) {
          record(EventType.WARN, prepared.swept());
        }
        return prepared.folder();
      });
  }

  private record Prepared(Path folder, String swept) {
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
      Claim.of("nothing written outside the folder", t -> SavedFiles.inside(t.result())),
      Claim.of("no partial file left behind", t -> SavedFiles.noPartialFile(t.result())));
  }
}
