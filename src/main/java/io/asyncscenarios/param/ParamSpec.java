package io.asyncscenarios.param;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The parameters one scenario accepts under {@code scenario.<id>}: their names, types, limits and
 * defaults, declared once in the catalogue and used both to check a configuration and to fill in
 * what it leaves out.
 */
public final class ParamSpec {

  /** The longest duration a scenario parameter accepts, in seconds at time scale 1. */
  public static final double MAX_SECONDS = 3600;
  /** The most entries a list parameter accepts. */
  public static final int MAX_LIST = 1000;
  static final Range SECONDS = Range.atLeast(0).atMost(MAX_SECONDS);

  private final Map<String, Param> params = new LinkedHashMap<>();
  private final List<Consumer<JsonObject>> checks = new ArrayList<>();
  private boolean debugByDefault;

  private record Param(Object defaultValue, BiFunction<ConfigReader, String, Object> reader) {
  }

  public static ParamSpec of() {
    return new ParamSpec();
  }

  /** A duration in seconds at time scale 1. */
  public ParamSpec seconds(String key, double defaultValue) {
    return add(key, defaultValue, (r, k) -> r.number(k, defaultValue, SECONDS));
  }

  /** A list of durations in seconds at time scale 1, one per task. */
  public ParamSpec secondsList(String key, double... defaults) {
    List<Double> list = Arrays.stream(defaults).boxed().collect(Collectors.toList());
    return add(key, new JsonArray(List.copyOf(list)), (r, k) -> new JsonArray(r.numbers(k, list, SECONDS, MAX_LIST)));
  }

  public ParamSpec integer(String key, long defaultValue, Range range) {
    return add(key, defaultValue, (r, k) -> r.integer(k, defaultValue, range));
  }

  /** A whole number of at least 1 that is absent unless configured. */
  public ParamSpec optionalCount(String key, long max) {
    return add(key, null, (r, k) -> {
      long value = r.integer(k, 0, Range.atLeast(1).atMost(max));
      return value == 0 ? null : value;
    });
  }

  public ParamSpec string(String key, String defaultValue) {
    return add(key, defaultValue, (r, k) -> r.string(k, defaultValue));
  }

  /** A string that is absent unless configured. */
  public ParamSpec optionalString(String key) {
    return add(key, null, (r, k) -> r.string(k, null));
  }

  /** One of a few words, e.g. a kind of task. */
  public ParamSpec choice(String key, String defaultValue, String... allowed) {
    List<String> words = List.of(allowed);
    return add(key, defaultValue, (r, k) -> {
      String value = r.string(k, defaultValue);
      if (!words.contains(value)) {
        throw new ConfigException(r.path(k) + ": expected one of " + words + ", got \"" + value + "\"");
      }
      return value;
    });
  }

  public ParamSpec strings(String key, String... defaults) {
    List<String> list = List.of(defaults);
    return add(key, new JsonArray(list), (r, k) -> new JsonArray(r.strings(k, list, MAX_LIST)));
  }

  public ParamSpec bool(String key, boolean defaultValue) {
    return add(key, defaultValue, (r, k) -> r.bool(k, defaultValue));
  }

  /**
   * A check of the values read, together (a file that must be within a size the spec also reads), made
   * with the rest of the configuration: it throws a {@link ConfigException} for what it refuses.
   */
  public ParamSpec check(Consumer<JsonObject> check) {
    checks.add(check);
    return this;
  }

  /** Debug mode is on for this scenario unless configured off: for the scenario that demonstrates it. */
  public ParamSpec debugByDefault() {
    debugByDefault = true;
    return this;
  }

  public boolean isDebugByDefault() {
    return debugByDefault;
  }

  private ParamSpec add(String key, Object defaultValue, BiFunction<ConfigReader, String, Object> reader) {
    params.put(key, new Param(defaultValue, reader));
    return this;
  }

  /** The checked parameters, each key present, with defaults where the reader's object is silent. */
  public JsonObject read(ConfigReader reader) {
    JsonObject values = new JsonObject();
    params.forEach((key, param) -> {
      Object value = param.reader.apply(reader, key);
      if (value != null) {
        values.put(key, value);
      }
    });
    reader.rejectUnknown();
    checks.forEach(check -> check.accept(values));
    return values;
  }

  /** A list-of-durations parameter out of checked parameters, in the tutorial's seconds. */
  public static List<Double> secondsList(JsonObject params, String key) {
    return params.getJsonArray(key).stream().map(v -> ((Number) v).doubleValue()).collect(Collectors.toList());
  }

  public JsonObject defaults() {
    JsonObject values = new JsonObject();
    params.forEach((key, param) -> {
      if (param.defaultValue != null) {
        values.put(key, param.defaultValue);
      }
    });
    return values;
  }
}
