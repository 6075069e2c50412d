package io.asyncscenarios.param;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads typed, range-checked values out of one JSON object of the configuration, naming the full key
 * path in every error, and refuses the keys nobody asked for.
 */
public final class ConfigReader {

  private final JsonObject json;
  private final String path;
  private final Set<String> read = new HashSet<>();

  public ConfigReader(JsonObject json) {
    this(json, "");
  }

  private ConfigReader(JsonObject json, String path) {
    this.json = json;
    this.path = path;
  }

  public Set<String> keys() {
    return json.fieldNames();
  }

  public String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public double number(String key, double defaultValue, Range range) {
    Object value = take(key);
    return value == null ? defaultValue : checkNumber(path(key), value, range, "a number");
  }

  public long integer(String key, long defaultValue, Range range) {
    Object value = take(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number number && number.doubleValue() != Math.rint(number.doubleValue())) {
      throw invalid(path(key), "a whole number " + range.describe(), value);
    }
    return (long) checkNumber(path(key), value, range, "a whole number");
  }

  public boolean bool(String key, boolean defaultValue) {
    Object value = take(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Boolean)) {
      throw invalid(path(key), "true or false", value);
    }
    return (Boolean) value;
  }

  public String string(String key, String defaultValue) {
    Object value = take(key);
    if (value == null) {
      return defaultValue;
    }
    return checkString(path(key), value);
  }

  public List<Double> numbers(String key, List<Double> defaultValue, Range range, int maxSize) {
    JsonArray array = array(key, maxSize);
    if (array == null) {
      return defaultValue;
    }
    List<Double> numbers = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      numbers.add(checkNumber(path(key) + "[" + i + "]", array.getValue(i), range, "a number"));
    }
    return numbers;
  }

  public List<String> strings(String key, List<String> defaultValue, int maxSize) {
    JsonArray array = array(key, maxSize);
    if (array == null) {
      return defaultValue;
    }
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      strings.add(checkString(path(key) + "[" + i + "]", array.getValue(i)));
    }
    return strings;
  }

  /** A reader of the nested object at {@code key}; an absent key reads as an empty object. */
  public ConfigReader object(String key) {
    Object value = take(key);
    if (value == null) {
      return new ConfigReader(new JsonObject(), path(key));
    }
    if (!(value instanceof JsonObject)) {
      throw invalid(path(key), "an object", value);
    }
    return new ConfigReader((JsonObject) value, path(key));
  }

  /** Refuses every key of this object that no read asked for, suggesting the closest known one. */
  public void rejectUnknown() {
    for (String key : json.fieldNames()) {
      if (!read.contains(key)) {
        throw new ConfigException("unknown key '" + path(key) + "'" + Suggestions.didYouMean(key, read)
          + ": remove it or check its spelling in the README's configuration table");
      }
    }
  }

  private Object take(String key) {
    read.add(key);
    Object value = json.getValue(key);
    if (value == null && json.containsKey(key)) {
      throw invalid(path(key), "a value (leave the key out for the default)", null);
    }
    return value;
  }

  private JsonArray array(String key, int maxSize) {
    Object value = take(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray)) {
      throw invalid(path(key), "an array", value);
    }
    JsonArray array = (JsonArray) value;
    if (array.isEmpty()) {
      throw invalid(path(key), "a non-empty array", value);
    }
    if (array.size() > maxSize) {
      throw new ConfigException(path(key) + ": at most " + maxSize + " entries, got " + array.size());
    }
    return array;
  }

  private static double checkNumber(String where, Object value, Range range, String kind) {
    if (!(value instanceof Number)) {
      throw invalid(where, kind + " " + range.describe(), value);
    }
    double number = ((Number) value).doubleValue();
    if (Double.isFinite(number) && number > range.max()) {
      throw new ConfigException(where + ": " + describe(value) + " is over the limit of " + Range.format(range.max())
        + ", which keeps one run within this machine's memory and a sensible time; split the work into several runs");
    }
    if (!Double.isFinite(number) || !range.contains(number)) {
      throw invalid(where, kind + " " + range.describe(), value);
    }
    return number;
  }

  private static String checkString(String where, Object value) {
    if (!(value instanceof String) || ((String) value).isBlank()) {
      throw invalid(where, "a non-empty string", value);
    }
    return (String) value;
  }

  static ConfigException invalid(String where, String expected, Object got) {
    return new ConfigException(where + ": expected " + expected + ", got " + describe(got));
  }

  /** A value as a message shows it: its JSON, cut to a line. */
  public static String describe(Object value) {
    if (value instanceof Double number && number.isInfinite()) {
      // JSON has no infinity: the text was a number past a double's range (1e400), which the parser made one.
      return "a number too large to read";
    }
    String text = Json.encode(value);
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
