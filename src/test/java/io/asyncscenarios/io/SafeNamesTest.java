package io.asyncscenarios.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;

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
    https://example.com/a b?c=d                  | example.com_a_b_c_d.html
    http://127.0.0.1/page?i=5                    | 127.0.0.1_page_i_5.html
    http://127.0.0.1/page.html?i=5#top           | 127.0.0.1_page_i_5.html
    http://127.0.0.1/?q=../../etc/passwd         | 127.0.0.1_q_.._.._etc_passwd.html
    http://127.0.0.1/?q=%2F..%2F..%00x           | 127.0.0.1_q_.._.._x.html
    https://example.com/page?                    | example.com_page.html
    https://example.com/x.html.                  | example.com_x.html
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
  void aLongNameInKoreanStaysWithinWhatAFileSystemAccepts() {
    String name = new SafeNames().forUrl("https://example.com/" + "비동기".repeat(60));
    assertTrue(name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= SafeNames.MAX_BASE_BYTES + ".html".length(), name);
    assertTrue(name.startsWith("example.com_비동기"), name);
    // A letter outside the BMP (two UTF-16 units, four bytes) is never cut in half.
    String script = new SafeNames().forUrl("https://example.com/a" + "𝒜".repeat(100));
    byte[] bytes = script.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(script, new String(bytes, java.nio.charset.StandardCharsets.UTF_8), "no lone surrogate");
    assertTrue(bytes.length <= SafeNames.MAX_BASE_BYTES + ".html".length(), script);
  }

  @Test
  void twoUrlsNeverGetTheSameName() {
    SafeNames names = new SafeNames();
    assertEquals("example.com_page.html", names.forUrl("https://example.com/page"));
    assertEquals("example.com_page_x_1.html", names.forUrl("https://example.com/page?x=1"));
    // Names differing only in case would overwrite each other on case-insensitive file systems.
    assertEquals("example.com_Page-2.html", names.forUrl("https://EXAMPLE.com/Page"));
    assertEquals("example.com_page-3.html", names.forUrl("https://example.com/page.html"));
    // A URL whose own name ends in -n meets the suffixes handed out already, and they meet it later.
    assertEquals("example.com_page-2-2.html", names.forUrl("https://example.com/page-2"));
    assertEquals("example.com_page-4.html", names.forUrl("https://example.com/page#again"));
    assertEquals("example.com_page-5.html", names.forUrl("https://example.com/page-5"));
    assertEquals("example.com_page-6.html", names.forUrl("https://example.com/page"));
  }

  @Test
  void urlsDifferingOnlyInTheirQueryGetDistinctNamesInLinearTime() {
    Set<String> names = hundredThousandNames(i -> "http://127.0.0.1:8080/page?i=" + i);
    assertTrue(names.contains("127.0.0.1_page_i_100000.html"));
  }

  @Test
  void oneUrlRepeatedManyTimesGetsItsSuffixesInLinearTime() {
    Set<String> names = hundredThousandNames(i -> "http://127.0.0.1:8080/page");
    assertTrue(names.contains("127.0.0.1_page-100000.html"));
  }

  /** The names of URL 1 to 100,000, each one distinct, all made within a second of CPU. */
  private static Set<String> hundredThousandNames(IntFunction<String> url) {
    warmUp();
    int count = 100_000;
    SafeNames names = new SafeNames();
    Set<String> seen = new HashSet<>();
    long start = cpuNanos();
    for (int i = 1; i <= count; i++) {
      seen.add(names.forUrl(url.apply(i)).toLowerCase(Locale.ROOT));
    }
    long elapsedMs = (cpuNanos() - start) / 1_000_000;
    assertEquals(count, seen.size());
    assertTrue(elapsedMs < 1000, "took " + elapsedMs + " ms of CPU");
    return seen;
  }

  /**
   * This thread's CPU time: on a machine shared with other builds, wall-clock time measures the others
   * too. A quadratic search for a free name would take minutes here, whatever the clock.
   */
  private static long cpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** Compiles the code being timed first: a cold JVM on a busy machine would time the compiler too. */
  private static void warmUp() {
    SafeNames names = new SafeNames();
    for (int i = 0; i < 20_000; i++) {
      names.forUrl("http://127.0.0.1:8080/warm?i=" + (i % 1000));
    }
  }
}
