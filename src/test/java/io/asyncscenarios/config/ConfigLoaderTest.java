package io.asyncscenarios.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
