package io.asyncscenarios.io;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns URLs into file names that stay inside their folder and never collide.
 *
 * <p>A name is the URL's host and path segments joined with {@code _}, after percent-decoding, with
 * every character that is not a letter, a digit, {@code .}, {@code -} or {@code _} replaced: so no
 * separator, no {@code ..}, no control character and no leading dot survives, whatever the URL says.
 * Names reserved on Windows get a leading {@code _}, long ones are cut and keep a hash of the URL, and a
 * name already handed out gets {@code -2}, {@code -3}, ... One instance hands out the names of one run.
 */
public final class SafeNames {

  static final int MAX_BASE_LENGTH = 100;
  private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N}._-]+");
  private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

  private final Set<String> taken = new HashSet<>();

  /** The name for {@code url}'s page, ending in {@code .html}, unique among the names handed out so far. */
  public synchronized String forUrl(String url) {
    String base = base(url);
    String name = base + ".html";
    for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
      name = base + "-" + n + ".html";
    }
    return name;
  }

  static String base(String url) {
    StringBuilder raw = new StringBuilder();
    URI uri = parse(url);
    if (uri != null && uri.getHost() != null) {
      raw.append(uri.getHost().toLowerCase(Locale.ROOT));
    }
    // An unparseable URL still has a shape: drop its scheme, query and fragment, keep the rest as a path.
    String path = uri == null ? url.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*:(//)?", "").replaceFirst("[?#].*$", "")
      : uri.getRawPath();
    if (path != null) {
      for (String segment : decode(path).split("[/\\\\]")) {
        if (!segment.isEmpty() && !segment.equals(".") && !segment.equals("..")) {
          raw.append('_').append(segment);
        }
      }
    }
    String name = UNSAFE.matcher(raw).replaceAll("_")
      .replaceAll("_+", "_")
      .replaceAll("^[._-]+", "")
      .replaceAll("[._]+$", "");
    // The extension is added back once: a page called x.html is saved as x.html, not x.html.html.
    name = name.replaceAll("(?i)\\.html?$", "");
    if (name.isEmpty()) {
      name = "download";
    }
    if (RESERVED.matcher(name).matches()) {
      name = "_" + name;
    }
    if (name.length() > MAX_BASE_LENGTH) {
      name = name.substring(0, MAX_BASE_LENGTH - 9) + "_" + String.format("%08x", url.hashCode());
    }
    return name;
  }

  private static URI parse(String url) {
    try {
      return new URI(url);
    } catch (Exception e) {
      return null;
    }
  }

  private static String decode(String path) {
    try {
      return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return path;
    }
  }
}
