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
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
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

  @Override
  protected Future<?> run() {
    Path work = Path.of(settings().workDir());
    return vertx.executeBlocking(() -> prepare(work), false)
      .recover(failure -> Future.failedFuture(FileErrors.describe(failure)))
      .compose(prepared -> {
        if (prepared.swept() != null) {
          record(EventType.WARN, prepared.swept());
        }
        return downloadAll(prepared.folder());
      })
      .compose(result -> vertx.executeBlocking(() -> SavedFiles.inspect(work, work.resolve(FOLDER), result), false));
  }

  /** The folder's real path, and what sweeping it said (or {@code null}). */
  private record Prepared(Path folder, String swept) {
  }

  private static Prepared prepare(Path work) throws IOException {
    Path folder = WorkFolder.child(work, FOLDER);
    // Every name we save ends so: anything else in the folder is not ours to remove.
    return new Prepared(folder, Leftovers.sweep(folder, name -> name.endsWith(".html")).describe());
  }

  private Future<JsonObject> downloadAll(Path folder) {
    SafeNames names = new SafeNames();
    return sites()
      .compose(sites -> {
        DownloadProgress progress = new DownloadProgress(sites.size());
        // A few progress updates a second; the console shows them only on a terminal.
        long timer = vertx.setPeriodic(PROGRESS_MS, id -> recorder().progress(progress.line()));
        // A task per site, started in slices; each names its file as it starts, in the sites' order.
        return tasks.startEach(sites.size(), i -> sites.get(i).label(),
            (i, label) -> download(sites.get(i), folder.resolve(names.forUrl(label)), progress))
          .compose(downloads -> gather(sites, downloads))
          .andThen(done -> vertx.cancelTimer(timer));
      });
  }

  private Future<JsonObject> gather(List<Site> sites, List<Future<JsonObject>> downloads) {
    // for filename, size in results: print(...) -- in the sites' order, once all are in.
    return gathered(downloads).compose(gathered -> report(sites, gathered, "download", (url, saved) -> "Downloaded "
      + Path.of(FOLDER, Path.of(saved.getString("file")).getFileName().toString()) + ": " + saved.getLong("chars") + " characters"));
  }

  private Future<JsonObject> download(Site site, Path target, DownloadProgress progress) {
    BodySink[] body = new BodySink[1];
    return fetcher().fetch(site.url(), response -> AtomicFiles.stream(vertx, target.toString(), file -> {
          body[0] = BodySink.into(file, settings().http().maxBodyBytes());
          progress.receiving(body[0]);
          return response.pipeTo(body[0]);
        }))
      .andThen(done -> progress.ended(body[0]))
      .map(v -> new JsonObject().put("file", target.toString()).put("chars", body[0].chars()).put("bytes", body[0].bytes()));
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
