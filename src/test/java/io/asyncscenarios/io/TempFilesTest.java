package io.asyncscenarios.io;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TempFilesTest {

  @Test
  void aTemporaryNameIsHiddenBesideItsTargetAndCarriesThisProcesssId() {
    Path temp = TempFiles.beside(Path.of("/w/downloaded_sites/a.b.html"));
    String name = temp.getFileName().toString();
    assertEquals(Path.of("/w/downloaded_sites"), temp.getParent());
    assertTrue(name.matches("\\.a\\.b\\.html\\." + ProcessHandle.current().pid() + "\\.[0-9a-z]+\\.tmp"), name);
    assertEquals(ProcessHandle.current().pid(), TempFiles.owner(name));
    assertEquals("a.b.html", TempFiles.target(name));
    assertTrue(TempFiles.isOwn(name));
    assertNotEquals(temp, TempFiles.beside(Path.of("/w/downloaded_sites/a.b.html")), "each temporary name is new");
  }

  @Test
  void anotherProcesssNameIsTemporaryButNotOurs() {
    assertEquals(1234, TempFiles.owner(".page.html.1234.k3j9.tmp"));
    assertEquals("page.html", TempFiles.target(".page.html.1234.k3j9.tmp"));
    assertFalse(TempFiles.isOwn(".page.html.1234.k3j9.tmp") && ProcessHandle.current().pid() != 1234);
  }

  @Test
  void olderVersionsNamesHaveNoOwner() {
    // Vert.x-era AtomicFiles (base-36 random) and Files.createTempFile (decimal random).
    assertEquals(TempFiles.NO_OWNER, TempFiles.owner(".page.html.k3j9.tmp"));
    assertEquals("page.html", TempFiles.target(".page.html.k3j9.tmp"));
    assertEquals(TempFiles.NO_OWNER, TempFiles.owner(".report.json.8812734615.tmp"));
    assertEquals("report.json", TempFiles.target(".report.json.8812734615.tmp"));
  }

  @Test
  void otherNamesAreNotTemporary() {
    for (String name : new String[] {"page.html", ".hidden", "page.html.tmp", ".tmp", "..tmp", ".x.TMP", ".x.K3J.tmp", ".x..tmp"}) {
      assertFalse(TempFiles.isTemporary(name), name);
      assertNull(TempFiles.target(name), name);
      assertEquals(TempFiles.NO_OWNER, TempFiles.owner(name), name);
    }
  }
}
