package io.asyncscenarios.io;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Set;

/**
 * The redirects of one fetch: which 3xx answers are followed, where to, and each refusal with its true
 * reason. We follow redirects ourselves rather than through the client's redirect handler: Vert.x
 * 5.0.10's {@code DefaultRedirectHandler} takes any scheme ending in {@code p} for http (so
 * {@code ftp://host:port/x} was fetched as plain HTTP from that port), and a refused redirect comes back
 * as a plain 3xx answer, its reason lost.
 */
final class Redirects {

  private final boolean follow;
  private final int max;
  private final Set<String> visited = new HashSet<>();
  private int followed;

  Redirects(HttpOptions options, URI first) {
    this.follow = options.followRedirects();
    this.max = options.maxRedirects();
    visited.add(withoutFragment(first).toString());
  }

  /** Whether {@code status} is an answer Redirects must judge rather than a plain failure. */
  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /**
   * Where the 3xx answer {@code status} from {@code from} leads.
   *
   * @throws FetchException with the reason it is not followed
   */
  URI next(URI from, int status, String statusMessage, String location) {
    if (status == 304) {
      throw new FetchException("HTTP 304 Not Modified: nothing to save (we sent no conditional request)");
    }
    if (!isRedirect(status)) {
      throw new FetchException("HTTP " + status + " " + statusMessage);
    }
    if (!follow) {
      throw new FetchException("HTTP " + status + " (http.followRedirects is false)");
    }
    if (location == null || location.isBlank()) {
      throw new FetchException("HTTP " + status + " without a Location header");
    }
    URI target = resolve(from, location.strip(), status);
    String key = target.toString();
    if (!visited.add(key)) {
      throw new FetchException("redirect loop: " + FetchException.shown(key) + " was already visited");
    }
    if (followed >= max) {
      throw new FetchException("HTTP " + status + " after " + followed + " redirects: http.maxRedirects (" + max + ") reached");
    }
    followed++;
    return target;
  }

  private static URI resolve(URI from, String location, int status) {
    URI target;
    try {
      target = base(from).resolve(new URI(location));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new FetchException("HTTP " + status + " to a malformed Location '" + FetchException.shown(location) + "'");
    }
    Fetcher.Unfetchable why = Fetcher.unfetchable(target);
    if (why != null) {
      throw new FetchException(switch (why) {
        case SCHEME -> "redirect to unsupported scheme '" + FetchException.shown(Fetcher.schemeOf(target))
          + "' (only http and https are followed)";
        case NO_HOST -> "HTTP " + status + " to a Location with no host: '" + FetchException.shown(location) + "'";
        case PORT -> "HTTP " + status + " to a Location with port " + target.getPort() + ", out of range";
      });
    }
    target = withoutFragment(target);
    // "http://host" names the same page as "http://host/": one spelling, so that a loop is seen as one.
    return target.getRawPath() == null || target.getRawPath().isEmpty() ? URI.create(target + "/") : target;
  }

  /** java.net.URI resolves against an empty path as if it were "", not "/" (RFC 2396's gap): make it "/". */
  private static URI base(URI from) {
    if (from.getRawPath() != null && !from.getRawPath().isEmpty()) {
      return from;
    }
    return URI.create(from.getScheme() + "://" + from.getRawAuthority() + "/"
      + (from.getRawQuery() == null ? "" : "?" + from.getRawQuery()));
  }

  private static URI withoutFragment(URI uri) {
    String text = uri.toString();
    int hash = text.indexOf('#');
    return hash < 0 ? uri : URI.create(text.substring(0, hash));
  }
}
