package io.asyncscenarios.debug;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The logging configuration built into the jar: logback finds it as a service and sets it up in code,
 * which spares every start the XML parser and its few hundred classes (about a quarter of a second).
 * {@code conf/logback.xml} holds the same configuration as XML, to edit; with
 * {@code -Dlogback.configurationFile} this steps aside for the named file.
 *
 * <p>The two are kept on purpose: the XML is what a user edits, this is what a start costs nothing to
 * read. {@code LogDefaultsTest} fails when they differ in a level, the appender or the pattern, so change
 * both together.
 */
public class LogDefaults extends ContextAwareBase implements Configurator {

  public static final String PATTERN = "%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} %task- %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    Map<String, Supplier<DynamicConverter<?>>> rules = new HashMap<>();
    rules.put("task", TaskConverter::new);
    context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, rules);

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    // Logs go to stderr, so stdout carries only the report for people.
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("STDERR");
    console.setTarget("System.err");
    console.setEncoder(encoder);
    console.start();

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    context.getLogger("io.netty").setLevel(Level.WARN);
    // A member lost or frozen makes Hazelcast warn of migrations and lost partitions, hundreds of lines;
    // the program says in its own words which node left and which tasks it re-sent.
    context.getLogger("com.hazelcast").setLevel(Level.ERROR);
    context.getLogger("io.vertx.launcher").setLevel(Level.WARN);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
