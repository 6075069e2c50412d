package io.asyncscenarios.param;

/**
 * A configuration that cannot be used, with a one-line message that names the key and the fix.
 */
public class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
