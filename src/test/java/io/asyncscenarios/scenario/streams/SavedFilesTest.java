package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.claim.Verdict;
import io.asyncscenarios.io.TempFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The claims on saved files can fail: they judge what the file system says, not the paths' text. */
class SavedFilesTest {

  @TempDir
  Path base;

  private static JsonObject result(Path... files) {
    JsonArray results = new JsonArray();
    for (Path file : files) {
      results.add(new JsonObject().put("url", "http://x/" + file.getFileName()).put("file", file.toString()).put("bytes", 4L));
    }
    return new JsonObject().put("results", results);
  }

  @Test
  void filesInTheRealFolderHold() throws Exception {
    Path work = Files.createDirectory(base.resolve("work"));
    Path folder = Files.createDirectory(work.resolve("downloaded_sites"));
    Path page = Files.writeString(folder.resolve("a.html"), "page");
    JsonObject result = SavedFiles.inspect(work, folder, result(page.toRealPath()));
    assertTrue(SavedFiles.inside(result).held(), SavedFiles.inside(result).toString());
    assertEquals(4, result.getJsonArray("results").getJsonObject(0).getLong("sizeOnDisk"));
  }

  @Test
  void aFileWrittenThroughAFolderLinkedElsewhereFails() throws Exception {
    // What the claim must catch if the folder became a link to elsewhere: the path's text still says work/downloaded_sites.
    Path work = Files.createDirectory(base.resolve("work"));
    Path elsewhere = Files.createDirectory(base.resolve("elsewhere"));
    Path folder = Files.createSymbolicLink(work.resolve("downloaded_sites"), elsewhere);
    Path page = Files.writeString(folder.resolve("a.html"), "page");

    Verdict verdict = SavedFiles.inside(SavedFiles.inspect(work, folder, result(work.toRealPath().resolve("downloaded_sites/a.html"))));

    assertFalse(verdict.held());
    assertEquals("the folder is really " + elsewhere.toRealPath() + ", outside the work folder", verdict.actual());
    assertTrue(Files.exists(page));
  }

  @Test
  void aLinkInThePlaceOfAFileFails() throws Exception {
    Path work = Files.createDirectory(base.resolve("work"));
    Path folder = Files.createDirectory(work.resolve("downloaded_sites"));
    Path outside = Files.writeString(base.resolve("outside.html"), "page");
    Path link = Files.createSymbolicLink(folder.resolve("a.html"), outside);

    Verdict verdict = SavedFiles.inside(SavedFiles.inspect(work, folder, result(link.toAbsolutePath())));

    assertFalse(verdict.held());
    assertTrue(verdict.actual().contains("(a symbolic link)"), verdict.actual());
  }

  @Test
  void onlyThisProcesssTemporaryFilesCountAsLeftBehind() throws Exception {
    Path work = Files.createDirectory(base.resolve("work"));
    Path folder = Files.createDirectory(work.resolve("downloaded_sites"));
    Files.writeString(folder.resolve(".b.html.1.k.tmp"), "another run's");
    assertTrue(SavedFiles.noPartialFile(SavedFiles.inspect(work, folder, result())).held());

    Path ours = TempFiles.beside(folder.resolve("a.html"));
    Files.writeString(ours, "ours");
    Verdict verdict = SavedFiles.noPartialFile(SavedFiles.inspect(work, folder, result()));
    assertFalse(verdict.held());
    assertEquals("1: [\"" + ours.getFileName() + "\"]", verdict.actual());
  }
}
