package io.asyncscenarios.config;

import com.fasterxml.jackson.core.JsonParser;
import io.asyncscenarios.param.ConfigException;
import io.asyncscenarios.param.ConfigReader;
import io.asyncscenarios.text.Printable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

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
  /**
   * The most a configuration file may hold: 100,000 sites of 300 characters fit, and what is read, then
   * decoded into objects several times its size, stays a small part of the heap.
   */
  public static final int MAX_FILE_BYTES = 32 * 1024 * 1024;

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
    checkPrintable(merged, "");
    return merged;
  }

  /**
   * Refuses control characters (and halves of surrogate pairs) in any key or string: no id, URL or path
   * needs one, and a NUL in a path or a line break in an id would otherwise surface as a stack trace or a
   * broken error line.
   */
  static void checkPrintable(Object value, String path) {
    if (value instanceof JsonObject object) {
      for (Map.Entry<String, Object> entry : object) {
        String key = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
        checkText(entry.getKey(), key, "key");
        checkPrintable(entry.getValue(), key);
      }
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        checkPrintable(array.getValue(i), path + "[" + i + "]");
      }
    } else if (value instanceof String text) {
      checkText(text, path, "value");
    }
  }

  private static void checkText(String text, String path, String what) {
    int at = Printable.firstUnprintable(text);
    if (at >= 0) {
      throw new ConfigException(Printable.escape(path) + ": the " + what + " " + Printable.quoted(text)
        + " holds " + Printable.describeAt(text, at) + "; remove it");
    }
  }

  /** A {@code -conf} value: inline JSON when it starts with a brace, else a file path. */
  static JsonObject parseConf(String conf) {
    String trimmed = conf.strip();
    if (trimmed.isEmpty()) {
      throw new ConfigException("-conf: the value is empty; give a JSON file or inline JSON such as '{\"timeScale\": 0.5}'");
    }
    if (trimmed.startsWith("{")) {
      return decode(trimmed, "-conf");
    }
    if (trimmed.startsWith("[")) {
      throw new ConfigException("-conf: expected a JSON object or a file, got an array");
    }
    return readFile(Path.of(conf));
  }

  static JsonObject readFile(Path file) {
    return readObject(file, "config file '" + file + "'", MAX_FILE_BYTES, "check the path or pass inline JSON to -conf");
  }

  /**
   * The JSON object in {@code file}, read up to {@code maxBytes}: a pipe ({@code -conf <(...)}) is read
   * too, but never past the limit, as {@code /dev/zero} would never end. {@code what} names the file in
   * messages ("config file 'c.json'"), {@code fix} says what to do about a missing one.
   */
  public static JsonObject readObject(Path file, String what, int maxBytes, String fix) {
    byte[] bytes;
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (attributes.isDirectory()) {
        throw new ConfigException(what + " is a folder; give a JSON file");
      }
      if (attributes.isRegularFile() && attributes.size() > maxBytes) {
        throw tooLarge(what, maxBytes, String.format(" (it holds %,d bytes)", attributes.size()));
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(maxBytes + 1);
      }
      if (bytes.length > maxBytes) {
        throw tooLarge(what, maxBytes, attributes.isRegularFile() ? "" : " (it is not a regular file, and gave more than that)");
      }
    } catch (NoSuchFileException e) {
      throw new ConfigException(what + " does not exist; " + fix);
    } catch (AccessDeniedException e) {
      throw new ConfigException(what + " is not readable; check its permissions");
    } catch (IOException e) {
      throw new ConfigException(what + " could not be read: " + Printable.escape(String.valueOf(e.getMessage())));
    }
    return decode(Buffer.buffer(bytes), what);
  }

  private static ConfigException tooLarge(String what, int maxBytes, String detail) {
    return new ConfigException(what + " is over the limit of " + maxBytes / (1024 * 1024) + " MiB" + detail + "; give a smaller JSON file");
  }

  /** {@code text} as a JSON object, a key given twice refused; {@code what} names where it came from in messages. */
  public static JsonObject decode(String text, String what) {
    return decode(Buffer.buffer(text), what);
  }

  private static JsonObject decode(Buffer text, String source) {
    Object value;
    try {
      JsonParser parser = JacksonCodec.createParser(text);
      // {"timeScale": 0.05, "timeScale": 7} is a mistake somewhere; Jackson would keep the last silently.
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      value = JacksonCodec.fromParser(parser, Object.class);
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
    // Jackson's word for the source it was not allowed to quote says nothing to the user.
    return Printable.escape(line.replaceFirst("^Failed to decode:\\s*", "")
      .replace("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ", "["));
  }
}
