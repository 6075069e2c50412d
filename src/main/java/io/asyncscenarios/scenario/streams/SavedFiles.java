package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.io.TempFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the downloads left on disk, looked at after the run by the file system rather than by the paths'
 * text: each file's size, whether it is a regular file and where it really lies (its folder's real path),
 * and this run's temporary files still in the folder. The claims then judge that record, so a folder
 * turned into a link to elsewhere, or a file written through a link, makes them fail.
 */
final class SavedFiles {

  // Named in the record, beyond the count: enough to find them, bounded whatever went wrong.
  private static final int NAMES_KEPT = 20;

  private SavedFiles() {
  }

  /**
   * Adds to {@code result} the real work folder and download folder as they are now, to each download
   * {@code sizeOnDisk} (a regular file), {@code onDisk} (what it is instead) and {@code realPath} (when
   * it differs from {@code file}), what the folder holds, and this process's temporary files left in it. Blocking.
   */
  static JsonObject inspect(Path work, Path folder, JsonObject result) throws IOException {
    Path realWork = work.toRealPath();
    Path realFolder = folder.toRealPath();
    Map<Path, Path> realParents = new HashMap<>();
    for (Object entry : result.getJsonArray("results")) {
      JsonObject download = (JsonObject) entry;
      String file = download.getString("file");
      if (file == null) {
        continue;
      }
      Path path = Path.of(file);
      BasicFileAttributes attributes = attributes(path);
      if (attributes != null && attributes.isRegularFile()) {
        download.put("sizeOnDisk", attributes.size());
      } else {
        download.put("onDisk", attributes == null ? "missing" : attributes.isSymbolicLink() ? "a symbolic link" : "not a regular file");
      }
      Path real = realParents.computeIfAbsent(path.getParent(), SavedFiles::realPath).resolve(path.getFileName());
      if (!real.toString().equals(file)) {
        download.put("realPath", real.toString());
      }
    }
    // folderEntries, every entry's path, is kept for the report's readers (a field is only removed with a new schemaVersion).
    JsonArray listed = new JsonArray();
    List<String> partial = new ArrayList<>();
    long partialCount = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(realFolder)) {
      for (Path entry : entries) {
        listed.add(entry.toString());
        if (TempFiles.isOwn(entry.getFileName().toString())) {
          partialCount++;
          if (partial.size() < NAMES_KEPT) {
            partial.add(entry.getFileName().toString());
          }
        }
      }
    }
    return result.put("workFolder", realWork.toString()).put("folder", realFolder.toString()).put("folderEntries", listed)
      .put("partialFiles", new JsonArray(partial)).put("partialFileCount", partialCount);
  }

  /** Held when every saved file is a regular file whose real folder is the download folder, inside the work folder. */
  static Verdict inside(JsonObject result) {
    Path work = Path.of(result.getString("workFolder"));
    Path folder = Path.of(result.getString("folder"));
    String expected = "every file a regular file in " + folder + ", inside the work folder " + work;
    if (!folder.startsWith(work)) {
      return Verdict.of(false, expected, "the folder is really " + folder + ", outside the work folder");
    }
    List<String> outside = new ArrayList<>();
    long count = 0;
    long saved = 0;
    for (Object entry : result.getJsonArray("results")) {
      JsonObject download = (JsonObject) entry;
      String file = download.getString("file");
      if (file == null) {
        continue;
      }
      saved++;
      Path real = Path.of(download.getString("realPath", file));
      String onDisk = download.getString("onDisk");
      if (onDisk != null || !folder.equals(real.getParent())) {
        count++;
        if (outside.size() < 5) {
          outside.add(onDisk != null ? file + " (" + onDisk + ")" : file + " (really " + real + ")");
        }
      }
    }
    return Verdict.of(count == 0, expected, count == 0 ? "all " + saved + " there"
      : count + " of " + saved + " not: " + outside + (count > outside.size() ? " ..." : ""));
  }

  /** Held when none of this run's temporary files is left in the folder (other live runs' are theirs to remove). */
  static Verdict noPartialFile(JsonObject result) {
    long count = result.getLong("partialFileCount");
    return Verdict.of(count == 0, "no temporary file of this process (pid " + TempFiles.OWN_PID + ") left",
      count == 0 ? "none" : count + ": " + result.getJsonArray("partialFiles").encode() + (count > NAMES_KEPT ? " ..." : ""));
  }

  private static BasicFileAttributes attributes(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException missing) {
      return null;
    }
  }

  private static Path realPath(Path folder) {
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
