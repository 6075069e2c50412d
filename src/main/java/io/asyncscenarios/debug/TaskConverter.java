package io.asyncscenarios.debug;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.asyncscenarios.task.Tasks;

/**
 * {@code %task} in a logback pattern: the name of the task that logged the record, in brackets, or
 * nothing outside any task. Read at logging time on the logging thread, from the task's Vert.x context.
 */
public class TaskConverter extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    String task = Tasks.currentTaskName();
    return task == null ? "" : "[" + task + "] ";
  }
}
