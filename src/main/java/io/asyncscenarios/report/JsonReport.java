package io.asyncscenarios.report;

import io.asyncscenarios.io.AtomicFiles;
import io.asyncscenarios.runner.RunReport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * Writes the machine-readable report (schema in the README), atomically.
 */
public final class JsonReport {

  private JsonReport() {
  }

  public static Future<Void> write(Vertx vertx, RunReport report, String path) {
    return AtomicFiles.write(vertx, path, Buffer.buffer(report.toJson().encodePrettily()));
  }
}
