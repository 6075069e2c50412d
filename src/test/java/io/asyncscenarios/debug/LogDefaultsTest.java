package io.asyncscenarios.debug;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The logging configuration exists twice on purpose: {@link LogDefaults} in code, which spares each start
 * logback's XML parser (about a quarter of a second), and {@code conf/logback.xml}, the same settings as
 * XML for a user to edit. This test keeps the two the same: levels, appender, target and pattern.
 */
class LogDefaultsTest {

  @Test
  void theBuiltInConfigurationIsConfLogbackXml() throws Exception {
    LoggerContext inCode = new LoggerContext();
    LogDefaults defaults = new LogDefaults();
    defaults.setContext(inCode);
    defaults.configure(inCode);

    LoggerContext fromXml = new LoggerContext();
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(fromXml);
    joran.doConfigure(LogConfiguration.FILE.toFile());

    assertEquals(levels(fromXml), levels(inCode));
    assertEquals(describeAppenders(fromXml), describeAppenders(inCode));
    // The same pattern, the %task converter included, formats a record the same way.
    LoggingEvent event = new LoggingEvent(Logger.FQCN, inCode.getLogger("io.asyncscenarios.Example"), Level.WARN, "a {} message", null,
      new Object[] {"logged"});
    event.setThreadName("vert.x-eventloop-thread-0");
    event.setTimeStamp(1_700_000_000_000L);
    assertEquals(format(fromXml, event), format(inCode, event));
  }

  /** Every logger given a level, with that level. */
  private static Map<String, Level> levels(LoggerContext context) {
    Map<String, Level> levels = new TreeMap<>();
    for (Logger logger : context.getLoggerList()) {
      if (logger.getLevel() != null) {
        levels.put(logger.getName(), logger.getLevel());
      }
    }
    return levels;
  }

  private static List<String> describeAppenders(LoggerContext context) {
    List<String> described = new ArrayList<>();
    for (Logger logger : context.getLoggerList()) {
      for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
        Appender<ILoggingEvent> appender = it.next();
        ConsoleAppender<ILoggingEvent> console = assertInstanceOf(ConsoleAppender.class, appender);
        PatternLayoutEncoder encoder = assertInstanceOf(PatternLayoutEncoder.class, console.getEncoder());
        described.add(logger.getName() + " " + appender.getName() + " " + console.getTarget() + " " + encoder.getPattern()
          + " additive=" + logger.isAdditive());
      }
    }
    return described;
  }

  private static String format(LoggerContext context, ILoggingEvent event) {
    ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().next();
    return new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
  }
}
