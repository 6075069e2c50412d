package io.asyncscenarios.io;

/**
 * One URL could not be fetched; the message is the reason, on one line, for the report.
 */
public class FetchException extends RuntimeException {

  public FetchException(String reason) {
    super(reason, null, false, false);
  }
}
