package io.asyncscenarios.claim;

/**
 * A checked claim as the reports show it.
 */
public record ClaimResult(String text, String expected, String actual, boolean held) {
}
