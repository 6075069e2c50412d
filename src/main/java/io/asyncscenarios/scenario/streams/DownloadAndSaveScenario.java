package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.claim.Claim;
import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.io.AtomicFiles;
import io.asyncscenarios.io.BodySink;
import io.asyncscenarios.io.FileErrors;
import io.asyncscenarios.io.SafeNames;
import io.asyncscenarios.io.Site;
import io.vertx.core.Future;
import io.vertx.core.file.FileSystem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * aiohttp and aiofiles together: fetch the sites at once and stream each body straight into
 * {@code downloaded_sites/<name>.html}, never holding a whole page in memory. Each file appears whole,
 * through a temporary file and an atomic move, or not at all.
 */
public class DownloadAndSaveScenario extends HttpScenario {

  static final String FOLDER = "downloaded_sites";
  static final long PROGRESS_MS = 250;
  private final List<BodySink> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();

  @Override
  protected Future<?> run() {
    FileSystem fs = vertx.fileSystem();
    Path folder = Path.of(options().workDir(), FOLDER);
    SafeNames names = new SafeNames();
    return fs.mkdirs(folder.toString())
      .recover(failure -> Future.failedFuture(FileErrors.describe(failure)))
      .compose(v -> sites())
      .compose(sites -> {
        List<Future<JsonObject>> downloads = new ArrayList<>();
        for (Site site : sites) {
          String name = names.forUrl(site.label());
          downloads.add(tasks.start(site.label(), () -> download(site, folder, name)).future());
        }
        // A few progress updates a second; the console shows them only on a terminal.
        long progress = vertx.setPeriodic(PROGRESS_MS, id -> showProgress(downloads.size()));
        return Future.join(downloads)
          .andThen(done -> vertx.cancelTimer(progress))
          .transform(done -> report(sites, Future.join(downloads), "download"));
      })
      .compose(result -> inspect(folder, result));
  }

  private void showProgress(int total) {
    long received = 0;
    long expected = 0;
    boolean sizesKnown = true;
    for (BodySink body : bodies) {
      received += body.bytes();
      expected += Math.max(0, body.expectedBytes());
      sizesKnown &= body.expectedBytes() >= 0;
    }
    recorder().progress(String.format("downloads: %d of %d done, %,d bytes so far%s", done.get(), total, received,
      sizesKnown && bodies.size() == total ? String.format(" of %,d", expected) : ""));
  }

  private Future<JsonObject> download(Site site, Path folder, String name) {
    Path target = folder.resolve(name);
    BodySink[] body = new BodySink[1];
    return AtomicFiles.stream(vertx, target.toString(), file -> {
        body[0] = BodySink.into(file, options().http().maxBodyBytes());
        bodies.add(body[0]);
        return fetcher().fetch(site.url(), body[0]);
      })
      .map(v -> {
        done.incrementAndGet();
        String shown = Path.of(FOLDER, name).toString();
        print("Downloaded %s: %d characters", shown, body[0].chars());
        return new JsonObject().put("file", target.toString()).put("chars", body[0].chars()).put("bytes", body[0].bytes());
      });
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
        List<String> outside = new ArrayList<>();
        for (Object entry : t.result().getJsonArray("results")) {
          String file = ((JsonObject) entry).getString("file");
          if (file != null && !Path.of(file).toAbsolutePath().normalize().getParent().equals(folder)) {
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
