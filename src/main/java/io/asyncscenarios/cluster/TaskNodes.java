package io.asyncscenarios.cluster;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which node ran each task, as a scenario whose tasks ran on other nodes says so in its result: under
 * {@value #KEY}, an object from task name to node id. The HTML report groups the timeline's lanes by it;
 * the JSON report holds it as part of the result. A result without it ran everything on this node.
 */
public final class TaskNodes {

  /** The result's key. */
  public static final String KEY = "nodes";

  private TaskNodes() {
  }

  /** Puts {@code nodes} (task name to node id, in the map's order) into {@code result}, under {@value #KEY}. */
  public static JsonObject put(JsonObject result, Map<String, String> nodes) {
    return result.put(KEY, new JsonObject(new LinkedHashMap<String, Object>(nodes)));
  }

  /** The node that ran each task, from a scenario's result as the runner keeps it; empty when it names none. */
  public static Map<String, String> in(Object result) {
    Map<String, String> nodes = new LinkedHashMap<>();
    if (result instanceof JsonObject json && json.getValue(KEY) instanceof JsonObject named) {
      named.forEach(entry -> {
        if (entry.getValue() instanceof String node) {
          nodes.put(entry.getKey(), node);
        }
      });
    }
    return nodes;
  }
}
