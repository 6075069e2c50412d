package io.asyncscenarios.debug;

import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;

/**
 * The Vert.x settings of debug mode: the blocked-thread checker tightened to asyncio's slow-callback
 * threshold, reporting with the blocked code's stack from the first warning on.
 *
 * <p>Vert.x reads these when an instance is created, so they apply to the whole run once any selected
 * scenario is in debug mode; only the scenarios in debug mode collect the warnings into their events.
 */
public final class DebugOptions {

  private DebugOptions() {
  }

  /** Adds the debug settings to launcher-style Vert.x options JSON (a copy; {@code null} reads as empty). */
  public static JsonObject applyTo(JsonObject vertxOptions, long slowCallbackMs) {
    JsonObject json = vertxOptions == null ? new JsonObject() : vertxOptions.copy();
    return json
      // Checking four times per threshold reports a blocked loop within a quarter of the threshold.
      .put("blockedThreadCheckInterval", Math.max(1, slowCallbackMs / 4))
      .put("blockedThreadCheckIntervalUnit", TimeUnit.MILLISECONDS.name())
      .put("maxEventLoopExecuteTime", slowCallbackMs)
      .put("maxEventLoopExecuteTimeUnit", TimeUnit.MILLISECONDS.name())
      .put("warningExceptionTime", slowCallbackMs)
      .put("warningExceptionTimeUnit", TimeUnit.MILLISECONDS.name());
  }

  public static VertxOptions vertxOptions(long slowCallbackMs) {
    return new VertxOptions(applyTo(null, slowCallbackMs));
  }
}
