package io.asyncscenarios.scenario.streams;

import io.asyncscenarios.io.FileErrors;
import io.asyncscenarios.io.FileRefused;
import io.asyncscenarios.io.TextFiles;
import io.asyncscenarios.param.ConfigException;
import io.asyncscenarios.text.Printable;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Beyond the tutorial: the file {@code scenario.async-files.input} names, which async-files upper-cases
 * too, whatever its size. It is checked with the rest of the configuration, again when the scenario runs
 * and again when it is opened: it may change meanwhile.
 */
final class LargeInput {

  static final String INPUT_KEY = "scenario.async-files.input";
  static final String LIMIT_KEY = "scenario.async-files.maxInputBytes";

  private LargeInput() {
  }

  /**
   * Checked with the configuration: an input that is missing, not a regular file or over the limit stops
   * the program before anything runs (exit 2).
   */
  static void checkConfig(JsonObject params) {
    String input = params.getString("input");
    if (input == null) {
      return;
    }
    try {
      check(input, params.getLong("maxInputBytes"));
    } catch (FileRefused refused) {
      throw new ConfigException(describe(refused));
    } catch (IOException e) {
      throw new ConfigException(INPUT_KEY + ": " + FileErrors.describe(e));
    }
  }

  /** Refuses an input that is not a regular file of at most {@code maxBytes}. Blocking. */
  static void check(String input, long maxBytes) throws IOException {
    TextFiles.checkInput(path(input), maxBytes);
  }

  private static Path path(String input) throws FileRefused {
    try {
      return Path.of(input);
    } catch (InvalidPathException e) {
      throw new FileRefused(FileErrors.quote(input) + " is not a path: " + Printable.escape(e.getReason()));
    }
  }

  /** One line: an input refused names its key, and the key that raises a limit it is over. */
  static String describe(Throwable failure) {
    if (failure instanceof FileRefused refused && !refused.aboutWorkFolder()) {
      return INPUT_KEY + ": " + refused.getMessage() + (refused.overLimit() ? ": raise " + LIMIT_KEY + " or give a smaller file" : "");
    }
    return FileErrors.describe(failure);
  }
}
