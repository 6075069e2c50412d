package io.asyncscenarios.config;

import io.asyncscenarios.param.ConfigException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

  @Test
  void confWinsOverTheFileWhichWinsOverDefaultsKeyByKey(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("config.json"),
      "{\"timeScale\": 0.5, \"seed\": 1, \"tolerance\": {\"ratio\": 0.2, \"ms\": 10}}");
    JsonObject merged = ConfigLoader.load(file, "{\"timeScale\": 0.1, \"tolerance\": {\"ms\": 99}}");
    assertEquals(0.1, merged.getDouble("timeScale"));
    assertEquals(1, merged.getInteger("seed"));
    assertEquals(new JsonObject().put("ratio", 0.2).put("ms", 99), merged.getJsonObject("tolerance"));
  }

  @Test
  void confMayNameAFile(@TempDir Path dir) throws IOException {
    Path conf = Files.writeString(dir.resolve("mine.json"), "{\"seed\": 5}");
    assertEquals(new JsonObject().put("seed", 5), ConfigLoader.load(dir.resolve("absent.json"), conf.toString()));
  }

  @Test
  void aMissingDefaultFileIsSkipped(@TempDir Path dir) {
    assertEquals(new JsonObject(), ConfigLoader.load(dir.resolve("absent.json"), null));
  }

  @Test
  void aMissingConfFileIsAnError(@TempDir Path dir) {
    Path absent = dir.resolve("absent.json");
    ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("x"), absent.toString()));
    assertEquals("config file '" + absent + "' does not exist; check the path or pass inline JSON to -conf", error.getMessage());
  }

  @Test
  void invalidJsonIsAnErrorOnOneLine(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"timeScale\": 1,\n");
    ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(broken, null));
    assertTrue(error.getMessage().startsWith("config file '" + broken + "': invalid JSON"), error.getMessage());
    assertTrue(!error.getMessage().contains("\n"));
    assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("x"), "{oops"));
  }

  @Test
  void aJsonValueThatIsNotAnObjectIsAnError(@TempDir Path dir) throws IOException {
    Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
    ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(array, null));
    assertEquals("config file '" + array + "': expected a JSON object, got [1,2]", error.getMessage());
  }

  @Test
  void aControlCharacterAnywhereIsRefusedNamingItsKeyAndShownEscaped() {
    ConfigException value = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Path.of("absent.json"), "{\"report\": {\"json\": \"out\\u0000.json\"}}"));
    assertEquals("report.json: the value \"out\\u0000.json\" holds the control character \\u0000; remove it", value.getMessage());
    ConfigException inArray = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Path.of("absent.json"), "{\"scenarios\": [\"tasks\", \"a\\nb\"]}"));
    assertEquals("scenarios[1]: the value \"a\\nb\" holds the control character \\n; remove it", inArray.getMessage());
    ConfigException key = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Path.of("absent.json"), "{\"http\": {\"\\u001b[31m\": 1}}"));
    assertEquals("http.\\u001b[31m: the key \"\\u001b[31m\" holds the control character \\u001b; remove it", key.getMessage());
  }

  @Test
  void halfASurrogatePairIsRefusedToo() {
    ConfigException e = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Path.of("absent.json"), "{\"workDir\": \"w\\ud800x\"}"));
    assertEquals("workDir: the value \"w\\ud800x\" holds the unpaired surrogate \\ud800; remove it", e.getMessage());
    // A whole pair is one character like any other.
    assertEquals("w🙂", ConfigLoader.load(Path.of("absent.json"), "{\"workDir\": \"w\\ud83d\\ude42\"}").getString("workDir"));
  }

  @Test
  void aKeyGivenTwiceIsRefused() {
    ConfigException e = assertThrows(ConfigException.class,
      () -> ConfigLoader.load(Path.of("absent.json"), "{\"timeScale\": 0.05, \"timeScale\": 7}"));
    assertTrue(e.getMessage().startsWith("-conf: invalid JSON (Duplicate field 'timeScale'"), e.getMessage());
  }

  @Test
  void invalidJsonIsOneLineWithoutJacksonsWordsForWhatItMayNotQuote() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("absent.json"), "{"));
    assertTrue(e.getMessage().startsWith("-conf: invalid JSON (Unexpected end-of-input"), e.getMessage());
    assertFalse(e.getMessage().contains("REDACTED"), e.getMessage());
  }

  @Test
  void anEmptyConfIsRefused() {
    assertEquals("-conf: the value is empty; give a JSON file or inline JSON such as '{\"timeScale\": 0.5}'",
      assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("absent.json"), " ")).getMessage());
  }

  @Test
  void inlineJsonMaySpanLines() {
    assertEquals(new JsonObject().put("seed", 1), ConfigLoader.load(Path.of("absent.json"), "{\n\t\"seed\": 1\r\n}"));
  }

  @Test
  void aConfigFileOverTheSizeLimitIsRefusedUnread(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.json");
    // Sparse: the size is what is checked, before a byte is read.
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(ConfigLoader.MAX_FILE_BYTES + 1L);
    }
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("absent.json"), big.toString()));
    assertEquals("config file '" + big + "' is over the limit of 32 MiB (it holds 33,554,433 bytes); give a smaller JSON file", e.getMessage());
  }

  @Test
  void anEndlessDeviceIsReadOnlyUpToTheLimit() {
    Path zero = Path.of("/dev/zero");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("absent.json"), zero.toString()));
    assertEquals("config file '/dev/zero' is over the limit of 32 MiB (it is not a regular file, and gave more than that); "
      + "give a smaller JSON file", e.getMessage());
  }
}
