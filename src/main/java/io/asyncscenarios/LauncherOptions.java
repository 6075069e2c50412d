package io.asyncscenarios;

import io.asyncscenarios.config.ConfigLoader;
import io.asyncscenarios.param.ConfigException;
import io.asyncscenarios.param.Suggestions;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Checks the launcher options that need more than their own text: the Vert.x options of {@code -options}
 * and the clustered event bus's address. The launcher itself only logs a warning for unreadable
 * {@code -options} and runs on without them, exits 1 with no word when Vert.x refuses a value, dies with
 * a stack trace when it cannot create or bind what they ask for, and silently drops a key it does not
 * know or a value of the wrong type. Each of those is one {@code error:} line here, before Vert.x starts.
 */
final class LauncherOptions {

  static final String SOURCE = "option '-options'";
  /** Vert.x options are a few hundred bytes; a megabyte is far more than any, and a bound on what is read. */
  static final int MAX_FILE_BYTES = 1024 * 1024;
  /**
   * Netty opens every event loop's selector at start, each holding file descriptors: about 20,000 exhaust
   * the usual limit and Vert.x dies; a machine this runs on has far fewer cores than 1024.
   */
  static final int MAX_EVENT_LOOPS = 1024;
  /** Options Vert.x refuses below 1, with the most this program allows. */
  private static final Map<String, Long> AT_LEAST_ONE = new LinkedHashMap<>();

  static {
    AT_LEAST_ONE.put("eventLoopPoolSize", (long) MAX_EVENT_LOOPS);
    AT_LEAST_ONE.put("workerPoolSize", (long) Integer.MAX_VALUE);
    AT_LEAST_ONE.put("internalBlockingPoolSize", (long) Integer.MAX_VALUE);
    AT_LEAST_ONE.put("quorumSize", (long) Integer.MAX_VALUE);
    AT_LEAST_ONE.put("blockedThreadCheckInterval", Long.MAX_VALUE);
    AT_LEAST_ONE.put("maxEventLoopExecuteTime", Long.MAX_VALUE);
    AT_LEAST_ONE.put("maxWorkerExecuteTime", Long.MAX_VALUE);
    AT_LEAST_ONE.put("warningExceptionTime", Long.MAX_VALUE);
  }

  private LauncherOptions() {
  }

  /**
   * The {@code -options} value as Vert.x options JSON, checked: inline JSON when it starts with a brace
   * (or a bracket, to refuse an array as such), else a regular file of at most {@link #MAX_FILE_BYTES}.
   */
  static JsonObject vertxOptions(String value) {
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw new ConfigException(SOURCE + ": expected a JSON file or inline JSON, got an empty value");
    }
    Path file = null;
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
      try {
        file = Path.of(value);
      } catch (InvalidPathException e) {
        throw new ConfigException(SOURCE + ": '" + value + "' is not a valid path; give a JSON file or inline JSON");
      }
    }
    JsonObject json = file == null ? ConfigLoader.decode(trimmed, SOURCE)
      : ConfigLoader.readObject(file, SOURCE + " file '" + value + "'", MAX_FILE_BYTES, "check the path or pass inline JSON");
    check(json);
    return json;
  }

  /** Refuses what Vert.x would die on, or silently not apply as given. */
  static void check(JsonObject json) {
    AT_LEAST_ONE.forEach((key, max) -> {
      if (json.containsKey(key)) {
        checkWholeNumber(key, json.getValue(key), max);
      }
    });
    // One key at a time, so that a refusal names its key: Vert.x's own messages do not always.
    for (Map.Entry<String, Object> entry : json) {
      try {
        new VertxOptions(new JsonObject().put(entry.getKey(), entry.getValue()));
      } catch (RuntimeException e) {
        throw new ConfigException(SOURCE + ": " + entry.getKey() + ": Vert.x refuses " + describe(entry.getValue()) + ": " + e.getMessage());
      }
    }
    JsonObject understood;
    try {
      understood = new VertxOptions(json).toJson();
    } catch (RuntimeException e) {
      throw new ConfigException(SOURCE + ": Vert.x refuses these options: " + e.getMessage());
    }
    // What Vert.x reads back is what it will use: a key it dropped was unknown, a changed value the wrong type.
    compare(json, understood, "");
  }

  private static void checkWholeNumber(String key, Object value, long max) {
    boolean whole = value instanceof Number number && isWhole(number);
    if (!whole || new BigDecimal(value.toString()).compareTo(BigDecimal.ONE) < 0
      || new BigDecimal(value.toString()).compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new ConfigException(SOURCE + ": " + key + ": expected a whole number >= 1" + (max < Long.MAX_VALUE ? " and <= " + max : "")
        + ", got " + describe(value));
    }
  }

  private static boolean isWhole(Number number) {
    try {
      return new BigDecimal(number.toString()).stripTrailingZeros().scale() <= 0;
    } catch (NumberFormatException infinite) {
      return false;
    }
  }

  private static void compare(JsonObject given, JsonObject understood, String path) {
    for (Map.Entry<String, Object> entry : given) {
      String key = path + entry.getKey();
      if (!understood.containsKey(entry.getKey())) {
        throw new ConfigException(SOURCE + ": Vert.x ignores the key '" + key + "'" + Suggestions.didYouMean(entry.getKey(), understood.fieldNames())
          + ": it is unknown, or its value has the wrong type");
      }
      Object wanted = entry.getValue();
      Object used = understood.getValue(entry.getKey());
      if (wanted instanceof JsonObject object && used instanceof JsonObject usedObject) {
        compare(object, usedObject, key + ".");
      } else if (!same(wanted, used)) {
        throw new ConfigException(SOURCE + ": " + key + ": expected " + expected(used) + ", got " + describe(wanted)
          + "; Vert.x would use " + describe(used) + " instead");
      }
    }
  }

  private static boolean same(Object wanted, Object used) {
    if (wanted instanceof Number a && used instanceof Number b) {
      try {
        return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
      } catch (NumberFormatException infinite) {
        return false;
      }
    }
    return Objects.equals(wanted, used);
  }

  private static String expected(Object used) {
    if (used instanceof Integer) {
      return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
    }
    if (used instanceof Long) {
      return "a whole number";
    }
    return used instanceof Number ? "a number" : kindOf(used);
  }

  private static String kindOf(Object value) {
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof JsonArray) {
      return "an array";
    }
    if (value instanceof Boolean) {
      return "true or false";
    }
    if (value instanceof String) {
      return "a string";
    }
    return value == null ? "null" : "a number";
  }

  private static String describe(Object value) {
    String text = Json.encode(value);
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  /**
   * Whether the clustered event bus can listen where it is told to: Vert.x would otherwise fail to form
   * the cluster with a stack trace, for a host that is not this machine's or a port already taken. The
   * port is tried and let go at once; another program could still take it in between.
   */
  static void checkClusterBinding(String host, int port) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new ConfigException("option '-cluster-host': cannot resolve '" + host + "'; give an address of this machine, such as 127.0.0.1");
    }
    try (ServerSocket socket = new ServerSocket()) {
      // As the event bus's server does (reuseAddress true): a port in TIME_WAIT is not in use.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(address, port));
    } catch (IOException e) {
      String reason = String.valueOf(e.getMessage());
      if (port != 0 && reason.contains("in use")) {
        throw new ConfigException("option '-cluster-port': port " + port + " on " + host + " is already in use;"
          + " give a free one, or 0 for any");
      }
      throw new ConfigException("option '-cluster-host': cannot listen on '" + host + "' (" + reason + ");"
        + " give an address of this machine, such as 127.0.0.1");
    }
  }
}
