package io.asyncscenarios.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
    https://www.python.org                       | www.python.org.html
    https://docs.python.org/                     | docs.python.org.html
    https://docs.python.org/3/library/asyncio.html | docs.python.org_3_library_asyncio.html
    https://example.com/../../etc/passwd         | example.com_etc_passwd.html
    https://example.com/%2e%2e/%2e%2e/etc/passwd | example.com_etc_passwd.html
    https://example.com/a%2fb%5cc                | example.com_a_b_c.html
    https://example.com/a%00b                    | example.com_a_b.html
    https://example.com/.hidden                  | example.com_.hidden.html
    http:///..                                   | download.html
    ''                                           | download.html
    ..                                           | download.html
    /..%2F..%2F                                  | download.html
    https://example.com/CON                      | example.com_CON.html
    CON                                          | _CON.html
    nul.txt                                      | _nul.txt.html
    https://example.com/ü/한국어                   | example.com_ü_한국어.html
    https://example.com/a b?c=d                  | example.com_a_b.html
    """)
  void namesStayInsideTheFolder(String url, String expected) {
    String name = new SafeNames().forUrl(url);
    assertEquals(expected, name);
    Path folder = Path.of("/tmp/folder");
    assertEquals(folder, folder.resolve(name).normalize().getParent());
    assertFalse(name.contains("/") || name.contains("\\") || name.contains("\0"));
  }

  @Test
  void aVeryLongUrlGivesABoundedNameThatStillDiffers() {
    String a = new SafeNames().forUrl("https://example.com/" + "a".repeat(5000));
    String b = new SafeNames().forUrl("https://example.com/" + "a".repeat(4999) + "b");
    assertTrue(a.length() <= SafeNames.MAX_BASE_LENGTH + ".html".length(), a);
    assertFalse(a.equals(b));
  }

  @Test
  void twoUrlsNeverGetTheSameName() {
    SafeNames names = new SafeNames();
    assertEquals("example.com_page.html", names.forUrl("https://example.com/page"));
    assertEquals("example.com_page-2.html", names.forUrl("https://example.com/page?x=1"));
    // Names differing only in case would overwrite each other on case-insensitive file systems.
    assertEquals("example.com_Page-3.html", names.forUrl("https://EXAMPLE.com/Page"));
    assertEquals("example.com_page-4.html", names.forUrl("https://example.com/page.html"));
  }
}
