package io.asyncscenarios.cluster;

import io.vertx.core.json.JsonObject;

/**
 * A task for a worker node, as {@link TaskWorker} takes it over the event bus.
 *
 * @param id the task's name, which its reply carries back
 * @param kind {@code sleep} (waits on a timer) or {@code cpu} (spins on a worker thread)
 * @param ms how long it lasts
 */
public record TaskSpec(String id, String kind, long ms) {

  /** The request for attempt number {@code attempt} of this task; its reply names the attempt it answers. */
  JsonObject toJson(int attempt) {
    return new JsonObject().put("id", id).put("kind", kind).put("ms", ms).put("attempt", attempt);
  }
}
