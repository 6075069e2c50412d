package io.asyncscenarios.io;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A site to fetch: the name people see (the tutorial's URL) and where it is actually fetched from.
 */
public record Site(String label, String url) {

  public static Site of(String url) {
    return new Site(url, url);
  }

  /**
   * Each site {@code repeat} times, the k-th (from 1) with {@code i=k} added to its query, all of one
   * site's before the next's: how a benchmark names one URL fetched N times. With {@code repeat} 1 the
   * sites are returned as they are. The list is computed as it is read, so a million URLs cost nothing
   * until each is fetched.
   */
  public static List<Site> repeated(List<Site> sites, int repeat) {
    if (repeat < 1) {
      throw new IllegalArgumentException("repeat must be at least 1, got " + repeat);
    }
    if (repeat == 1) {
      return sites;
    }
    int size = Math.multiplyExact(sites.size(), repeat);
    return new Repeated(sites, repeat, size);
  }

  /** {@code url} with {@code i=k} added to its query, before any fragment. */
  static String withIndex(String url, int k) {
    int hash = url.indexOf('#');
    String head = hash < 0 ? url : url.substring(0, hash);
    String fragment = hash < 0 ? "" : url.substring(hash);
    String separator = !head.contains("?") ? "?" : head.endsWith("?") || head.endsWith("&") ? "" : "&";
    return head + separator + "i=" + k + fragment;
  }

  private static final class Repeated extends AbstractList<Site> implements RandomAccess {
    private final List<Site> sites;
    private final int repeat;
    private final int size;

    Repeated(List<Site> sites, int repeat, int size) {
      this.sites = sites;
      this.repeat = repeat;
      this.size = size;
    }

    @Override
    public Site get(int index) {
      Site site = sites.get(index / repeat);
      int k = index % repeat + 1;
      return new Site(withIndex(site.label(), k), withIndex(site.url(), k));
    }

    @Override
    public int size() {
      return size;
    }
  }
}
