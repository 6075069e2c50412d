package io.asyncscenarios.io;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns URLs into file names that stay inside their folder and never collide.
 *
 * <p>A name is the URL's host, path segments and query joined with {@code _}, after percent-decoding,
 * with every character that is not a letter, a digit, {@code .}, {@code -} or {@code _} replaced: so no
 * separator, no {@code ..} segment, no control character and no leading dot survives, whatever the URL
 * says ({@code ..} inside a name, as in {@code q_.._x}, names nothing but that file). The
 * query is part of the name because URLs differing only in it are different pages ({@code ?i=1},
 * {@code ?i=2}, ...). Names reserved on Windows get a leading {@code _}, long ones (over 100 characters
 * or 200 UTF-8 bytes) are cut and keep a hash of the URL, and a name already handed out gets
 * {@code -2}, {@code -3}, ... One instance hands out the names of one run.
 */
public final class SafeNames {

  static final int MAX_BASE_LENGTH = 100;
  /**
   * File systems count a name's bytes (255 on ext4), and 100 Korean characters are 300 UTF-8 bytes; 200
   * leaves room for ".html", a "-n" suffix and the temporary file's ".<name>.<pid>.<random>.tmp" (a pid of
   * up to 7 digits on Linux, a random of up to 13: 239 bytes at most).
   */
  static final int MAX_BASE_BYTES = 200;
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:(//)?");
  private static final Pattern RESERVED = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

  // Lower case: names differing only in case would overwrite each other on case-insensitive file systems.
  private final Set<String> taken = new HashSet<>();
  // Per base, the next suffix to try: finding a free name never retries the suffixes already handed out,
  // which made n URLs with one base cost n squared.
  private final Map<String, Integer> nextSuffix = new HashMap<>();

  /** The name for {@code url}'s page, ending in {@code .html}, unique among the names handed out so far. */
  public synchronized String forUrl(String url) {
    String base = base(url);
    String name = base + ".html";
    if (taken.add(name.toLowerCase(Locale.ROOT))) {
      return name;
    }
    String key = base.toLowerCase(Locale.ROOT);
    int n = nextSuffix.getOrDefault(key, 2);
    // A suffixed name can still be taken by a URL whose own base ends in -n: skip it, once and for all.
    for (name = base + "-" + n + ".html"; !taken.add(name.toLowerCase(Locale.ROOT)); name = base + "-" + n + ".html") {
      n++;
    }
    nextSuffix.put(key, n + 1);
    return name;
  }

  static String base(String url) {
    StringBuilder raw = new StringBuilder();
    URI uri = parse(url);
    if (uri != null && uri.getHost() != null) {
      raw.append(uri.getHost().toLowerCase(Locale.ROOT));
    }
    String path;
    String query;
    if (uri != null) {
      path = uri.getRawPath();
      query = uri.getRawQuery();
    } else {
      // An unparseable URL still has a shape: drop its scheme and fragment, keep a path and a query.
      String rest = SCHEME.matcher(url).replaceFirst("");
      int hash = rest.indexOf('#');
      rest = hash < 0 ? rest : rest.substring(0, hash);
      int mark = rest.indexOf('?');
      path = mark < 0 ? rest : rest.substring(0, mark);
      query = mark < 0 ? null : rest.substring(mark + 1);
    }
    if (path != null) {
      String decoded = decode(path);
      int from = 0;
      for (int i = 0; i <= decoded.length(); i++) {
        if (i == decoded.length() || decoded.charAt(i) == '/' || decoded.charAt(i) == '\\') {
          String segment = decoded.substring(from, i);
          if (!segment.isEmpty() && !segment.equals(".") && !segment.equals("..")) {
            raw.append('_').append(segment);
          }
          from = i + 1;
        }
      }
    }
    // The extension is added back once: a page called x.html is saved as x.html, not x.html.html.
    StringBuilder name = withoutHtml(trimEnd(safe(raw, new StringBuilder())));
    if (query != null && !query.isEmpty()) {
      safe("_" + decode(query), name);
    }
    String base = trimEnd(trimStart(name)).toString();
    if (base.isEmpty()) {
      base = "download";
    }
    if (RESERVED.matcher(base).matches()) {
      base = "_" + base;
    }
    if (base.length() > MAX_BASE_LENGTH || utf8Length(base) > MAX_BASE_BYTES) {
      base = prefix(base, MAX_BASE_LENGTH - 9, MAX_BASE_BYTES - 9) + "_" + String.format("%08x", url.hashCode());
    }
    return base;
  }

  /**
   * Appends {@code raw} to {@code out} keeping letters, digits, {@code .} and {@code -}; any run of other
   * characters or of {@code _} becomes one {@code _}. One pass, no regular expression: names are made
   * by the hundred thousand.
   */
  private static StringBuilder safe(CharSequence raw, StringBuilder out) {
    for (int i = 0; i < raw.length(); ) {
      int c = Character.codePointAt(raw, i);
      i += Character.charCount(c);
      if (c == '.' || c == '-' || Character.isLetter(c) || isNumber(c)) {
        out.appendCodePoint(c);
      } else if (out.isEmpty() || out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
    }
    return out;
  }

  private static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    return bytes;
  }

  /** The longest start of {@code text} within both limits, never cutting a character in two. */
  private static String prefix(String text, int maxChars, int maxBytes) {
    int end = 0;
    int bytes = 0;
    while (end < text.length()) {
      int c = text.codePointAt(end);
      int next = end + Character.charCount(c);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (next > maxChars || bytes > maxBytes) {
        break;
      }
      end = next;
    }
    return text.substring(0, end);
  }

  /** What {@code \\p{N}} matches: any number, not only decimal digits. */
  private static boolean isNumber(int c) {
    int type = Character.getType(c);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }

  /** No leading dot (a hidden file), underscore or dash (an option to a command). */
  private static StringBuilder trimStart(StringBuilder name) {
    int start = 0;
    while (start < name.length() && ".-_".indexOf(name.charAt(start)) >= 0) {
      start++;
    }
    return name.delete(0, start);
  }

  /** No trailing dot (Windows drops it) or underscore. */
  private static StringBuilder trimEnd(StringBuilder name) {
    int end = name.length();
    while (end > 0 && "._".indexOf(name.charAt(end - 1)) >= 0) {
      end--;
    }
    name.setLength(end);
    return name;
  }

  private static StringBuilder withoutHtml(StringBuilder name) {
    for (String extension : new String[] {".html", ".htm"}) {
      int at = name.length() - extension.length();
      if (at >= 0 && name.substring(at).equalsIgnoreCase(extension)) {
        name.setLength(at);
        break;
      }
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
