package io.asyncscenarios.debug;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lets {@code conf/logback.xml} in the working directory replace the logging configuration built into
 * the jar, unless {@code -Dlogback.configurationFile} already chose one.
 *
 * <p>Logback configures itself from the jar when the first logger is made, which the launcher's classes
 * do before {@code main} runs, so the file is applied by reconfiguring.
 */
public final class LogConfiguration {

  public static final Path FILE = Path.of("conf", "logback.xml");

  private LogConfiguration() {
  }

  /** @return a one-line problem with the file, or {@code null} when all is well */
  public static String applyWorkingDirectoryFile() {
    if (System.getProperty("logback.configurationFile") != null || !Files.isRegularFile(FILE)) {
      return null;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(FILE.toFile());
      return null;
    } catch (JoranException e) {
      return FILE + ": " + e.getMessage();
    }
  }
}
