package dev.catalogsync.cli;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series names a PromQL expression selects, as Prometheus stores them ({@code _total}, {@code
 * _bucket} and all): what is left once strings, label matchers, ranges and label lists are gone,
 * minus functions and keywords.
 */
final class PromQlNames {
  private static final Pattern STRINGS =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|`[^`]*`");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern LABEL_LISTS =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  // Not after a word character, a dot or $: skips the unit of 5m, the exponent of 1e3, $variables.
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.:$])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "inf", "nan", "atan2");

  private PromQlNames() {}

  static Set<String> in(String expression) {
    String rest = expression;
    for (Pattern drop : new Pattern[] {STRINGS, MATCHERS, RANGES, LABEL_LISTS}) {
      rest = drop.matcher(rest).replaceAll(" ");
    }
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(rest);
    while (m.find()) {
      if (!KEYWORDS.contains(m.group().toLowerCase(java.util.Locale.ROOT))) {
        names.add(m.group());
      }
    }
    return names;
  }
}
