package io.asyncscenarios.io;

/**
 * A response body grew past the configured limit.
 */
public class BodyTooLargeException extends RuntimeException {

  public BodyTooLargeException(long limit) {
    super("body larger than " + limit + " bytes (http.maxBodyBytes)", null, false, false);
  }
}
