package io.asyncscenarios.io;

import io.asyncscenarios.param.ConfigException;
import io.asyncscenarios.param.ConfigReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpOptionsTest {

  private static HttpOptions read(JsonObject http) {
    return HttpOptions.fromConfig(new ConfigReader(new JsonObject().put("http", http)).object("http"));
  }

  @Test
  void repeatIsOneUnlessSaidOtherwise() {
    assertEquals(1, read(new JsonObject()).repeat());
    assertEquals(20_000, read(new JsonObject().put("repeat", 20_000)).repeat());
  }

  @Test
  void repeatIsAtLeastOne() {
    ConfigException error = assertThrows(ConfigException.class, () -> read(new JsonObject().put("repeat", 0)));
    assertTrue(error.getMessage().startsWith("http.repeat"), error.getMessage());
  }

  @Test
  void sitesTimesRepeatIsAtMostAMillion() {
    JsonObject http = new JsonObject().put("sites", new JsonArray().add("http://127.0.0.1/a").add("http://127.0.0.1/b"))
      .put("repeat", 500_001);
    ConfigException error = assertThrows(ConfigException.class, () -> read(http));
    assertEquals("http.repeat: 2 sites fetched 500001 times each make 1000002 URLs, over the limit of 1000000", error.getMessage());
    assertEquals(500_000, read(http.put("repeat", 500_000)).repeat());
  }

  @Test
  void theDeadlineIsAMinuteUnlessSaidOtherwiseAndIsReported() {
    assertEquals(60_000, read(new JsonObject()).deadlineMs());
    HttpOptions options = read(new JsonObject().put("deadlineMs", 1500));
    assertEquals(1500, options.deadlineMs());
    assertEquals(1500L, options.toJson().getLong("deadlineMs"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    0       | http.deadlineMs: expected a whole number >= 1 and <= 3600000, got 0
    3600001 | http.deadlineMs: 3600001 is over the limit of 3600000
    """)
  void theDeadlineIsRangeChecked(long value, String message) {
    ConfigException error = assertThrows(ConfigException.class, () -> read(new JsonObject().put("deadlineMs", value)));
    assertTrue(error.getMessage().startsWith(message), error.getMessage());
  }

  @Test
  void aStringDeadlineIsRefused() {
    ConfigException error = assertThrows(ConfigException.class, () -> read(new JsonObject().put("deadlineMs", "1m")));
    assertTrue(error.getMessage().startsWith("http.deadlineMs: expected a whole number"), error.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    http://127.0.0.1/page          | http://127.0.0.1/page?i=7
    http://127.0.0.1/page?lang=ko  | http://127.0.0.1/page?lang=ko&i=7
    http://127.0.0.1/page?         | http://127.0.0.1/page?i=7
    http://127.0.0.1/page#top      | http://127.0.0.1/page?i=7#top
    http://127.0.0.1/p?a=1#x?y     | http://127.0.0.1/p?a=1&i=7#x?y
    """)
  void theIndexJoinsTheQuery(String url, String expected) {
    assertEquals(expected, Site.withIndex(url, 7));
  }

  @Test
  void repeatedSitesComeSiteBySiteAndAreMadeAsTheyAreRead() {
    List<Site> sites = List.of(Site.of("http://a/"), Site.of("http://b/?x=1"));
    assertSame(sites, Site.repeated(sites, 1));
    List<Site> repeated = Site.repeated(sites, 3);
    assertEquals(List.of("http://a/?i=1", "http://a/?i=2", "http://a/?i=3", "http://b/?x=1&i=1", "http://b/?x=1&i=2", "http://b/?x=1&i=3"),
      repeated.stream().map(Site::url).toList());
    assertEquals(1_000_000, Site.repeated(sites, 500_000).size());
    assertEquals("http://b/?x=1&i=500000", Site.repeated(sites, 500_000).get(999_999).label());
  }
}
