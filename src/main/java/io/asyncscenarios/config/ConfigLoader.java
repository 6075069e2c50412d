package io.asyncscenarios.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Layers the configuration: built-in defaults, then {@code conf/config.json} of the working directory
 * when present, then the {@code -conf} value (a file or inline JSON). Later layers win, key by key,
 * nested objects merged.
 *
 * <p>Done by hand rather than with vertx-config: its default stores give {@code -conf} the lowest
 * priority, and it runs after Vert.x has started, where a bad file should have stopped us before.
 */
public final class ConfigLoader {

  public static final Path DEFAULT_FILE = Path.of("conf", "config.json");

  private ConfigLoader() {
  }

  /**
   * @param defaultFile the optional file layer, skipped when it does not exist
   * @param conf the {@code -conf} value, or {@code null}
   */
  public static JsonObject load(Path defaultFile, String conf) {
    JsonObject merged = new JsonObject();
    if (Files.exists(defaultFile)) {
      merged.mergeIn(readFile(defaultFile), true);
    }
    if (conf != null) {
      merged.mergeIn(parseConf(conf), true);
    }
    return merged;
  }

  /** A {@code -conf} value: inline JSON when it starts with a brace, else a file path. */
  static JsonObject parseConf(String conf) {
    String trimmed = conf.strip();
    if (trimmed.startsWith("{")) {
      return decode(trimmed, "-conf");
    }
    if (trimmed.startsWith("[")) {
      throw new ConfigException("-conf: expected a JSON object or a file, got an array");
    }
    return readFile(Path.of(conf));
  }

  static JsonObject readFile(Path file) {
    String text;
    try {
      if (Files.isDirectory(file)) {
        throw new ConfigException("config file '" + file + "' is a folder; give a JSON file");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file '" + file + "' does not exist; check the path or pass inline JSON to -conf");
    } catch (AccessDeniedException e) {
      throw new ConfigException("config file '" + file + "' is not readable; check its permissions");
    } catch (IOException e) {
      throw new ConfigException("config file '" + file + "' could not be read: " + e.getMessage());
    }
    return decode(text, "config file '" + file + "'");
  }

  private static JsonObject decode(String text, String source) {
    Object value;
    try {
      value = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new ConfigException(source + ": invalid JSON (" + firstLine(e.getMessage()) + ")");
    }
    if (!(value instanceof JsonObject)) {
      throw new ConfigException(source + ": expected a JSON object, got " + ConfigReader.describe(value));
    }
    return (JsonObject) value;
  }

  private static String firstLine(String message) {
    String line = message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    return line.replaceFirst("^Failed to decode:\\s*", "");
  }
}
