package io.asyncscenarios.debug;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Hands the records of one logger to a consumer for as long as it is attached, beside wherever the
 * logging configuration already sends them: how log records become a scenario's events.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final Logger logger;
  private final Consumer<ILoggingEvent> consumer;

  private LogCapture(Logger logger, Consumer<ILoggingEvent> consumer) {
    this.logger = logger;
    this.consumer = consumer;
  }

  /** Captures the logger's records; they still go wherever the configuration sends them. */
  public static LogCapture attach(String loggerName, Consumer<ILoggingEvent> consumer) {
    Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
    LogCapture capture = new LogCapture(logger, consumer);
    capture.setContext(logger.getLoggerContext());
    capture.setName("capture-" + loggerName);
    capture.start();
    logger.addAppender(capture);
    return capture;
  }

  @Override
  protected void append(ILoggingEvent event) {
    consumer.accept(event);
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}
