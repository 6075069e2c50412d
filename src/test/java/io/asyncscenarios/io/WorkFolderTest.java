package io.asyncscenarios.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkFolderTest {

  @TempDir
  Path base;

  @Test
  void aMissingFolderIsMadeAndGivenByItsRealPath() throws Exception {
    Path work = base.resolve("work");
    Path folder = WorkFolder.child(work, "downloaded_sites");
    assertTrue(Files.isDirectory(folder));
    assertEquals(work.toRealPath().resolve("downloaded_sites"), folder);
  }

  @Test
  void aLinkLeadingOutsideTheWorkFolderIsRefusedInOneLine() throws Exception {
    Path work = Files.createDirectory(base.resolve("work"));
    Path elsewhere = Files.createDirectory(base.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(work.resolve("downloaded_sites"), elsewhere);

    FileRefused refused = assertThrows(FileRefused.class, () -> WorkFolder.child(work, "downloaded_sites"));

    assertEquals("'" + link + "' is a symbolic link to '" + elsewhere.toRealPath() + "', outside the work folder '"
      + work.toRealPath() + "': remove the link or choose another workDir", refused.getMessage());
    try (Stream<Path> files = Files.list(elsewhere)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void aRelativeLinkClimbingOutIsJudgedByWhereItLeads() throws Exception {
    Path work = Files.createDirectory(base.resolve("work"));
    Files.createDirectory(base.resolve("elsewhere"));
    Files.createSymbolicLink(work.resolve("downloaded_sites"), Path.of("../elsewhere"));
    assertThrows(FileRefused.class, () -> WorkFolder.child(work, "downloaded_sites"));
  }

  @Test
  void aLinkThatStaysInsideTheWorkFolderIsFollowed() throws Exception {
    Path work = Files.createDirectory(base.resolve("work"));
    Path inside = Files.createDirectory(work.resolve("pages"));
    Files.createSymbolicLink(work.resolve("downloaded_sites"), Path.of("pages"));
    assertEquals(inside.toRealPath(), WorkFolder.child(work, "downloaded_sites"));
  }

  @Test
  void theWorkFolderMayItselfBeALink() throws Exception {
    Path real = Files.createDirectory(base.resolve("real-work"));
    Path work = Files.createSymbolicLink(base.resolve("work"), real);
    assertEquals(real.toRealPath().resolve("downloaded_sites"), WorkFolder.child(work, "downloaded_sites"));
  }

  @Test
  void aDanglingLinkIsRefusedAndNothingIsMadeWhereItPoints() throws Exception {
    Path work = Files.createDirectory(base.resolve("work"));
    Path nowhere = base.resolve("nowhere");
    Files.createSymbolicLink(work.resolve("downloaded_sites"), nowhere);
    FileRefused refused = assertThrows(FileRefused.class, () -> WorkFolder.child(work, "downloaded_sites"));
    assertTrue(refused.getMessage().contains("which does not exist"), refused.getMessage());
    assertFalse(Files.exists(nowhere));
  }

  @Test
  void aFileInThePlaceOfTheFolderIsRefused() throws Exception {
    Path work = Files.createDirectory(base.resolve("work"));
    Files.writeString(work.resolve("downloaded_sites"), "x");
    FileRefused refused = assertThrows(FileRefused.class, () -> WorkFolder.child(work, "downloaded_sites"));
    assertTrue(refused.getMessage().endsWith("exists and is not a folder: remove it or choose another workDir"), refused.getMessage());
  }

  @Test
  void aNameWithANewlineStaysOnOneLine() throws Exception {
    Path work = Files.createDirectory(base.resolve("work\nevil"));
    Files.createSymbolicLink(work.resolve("downloaded_sites"), Files.createDirectory(base.resolve("elsewhere")));
    FileRefused refused = assertThrows(FileRefused.class, () -> WorkFolder.child(work, "downloaded_sites"));
    assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    assertTrue(refused.getMessage().contains("work\\nevil"), refused.getMessage());
  }

  @Test
  void aFileWhereTheWorkFolderShouldBeIsNamedForWhatItIs(@TempDir Path base) throws Exception {
    Path file = Files.writeString(base.resolve("afile"), "x");
    FileRefused refused = assertThrows(FileRefused.class, () -> WorkFolder.real(file));
    assertEquals("'" + file + "' exists and is not a folder: remove it or choose another workDir", refused.getMessage());
  }
}
