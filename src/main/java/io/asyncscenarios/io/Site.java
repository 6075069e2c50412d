package io.asyncscenarios.io;

/**
 * A site to fetch: the name people see (the tutorial's URL) and where it is actually fetched from.
 */
public record Site(String label, String url) {

  public static Site of(String url) {
    return new Site(url, url);
  }
}
