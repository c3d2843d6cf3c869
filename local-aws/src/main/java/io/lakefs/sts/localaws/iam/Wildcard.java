package io.lakefs.sts.localaws.iam;

import java.util.Locale;

/**
 * An IAM glob ({@code *} any run of characters, {@code ?} exactly one), compiled once when a policy is
 * parsed because it is matched on every S3 request. Matches by code point so {@code ?} covers one
 * character of a non-BMP key too. No regex: policy text never reaches a regex engine.
 */
final class Wildcard {
  private final String text;
  private final int[] pattern;
  private final boolean hasWildcards;
  private final boolean ignoreCase;

  private Wildcard(String text, boolean ignoreCase) {
    this.text = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
    this.pattern = this.text.codePoints().toArray();
    this.hasWildcards = text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    this.ignoreCase = ignoreCase;
  }

  static Wildcard caseSensitive(String pattern) {
    return new Wildcard(pattern, false);
  }

  /** For action names, which IAM compares without regard to case. */
  static Wildcard ignoringCase(String pattern) {
    return new Wildcard(pattern, true);
  }

  boolean matches(String candidate) {
    String subject = ignoreCase ? candidate.toLowerCase(Locale.ROOT) : candidate;
    if (!hasWildcards) {
      return text.equals(subject);
    }
    return globMatch(subject.codePoints().toArray());
  }

  // Greedy, backtracking only to the last '*' seen: O(pattern x subject) at worst, never exponential.
  private boolean globMatch(int[] subject) {
    int p = 0;
    int s = 0;
    int starAt = -1;
    int resumeAt = 0;
    while (s < subject.length) {
      if (p < pattern.length && (pattern[p] == '?' || (pattern[p] != '*' && pattern[p] == subject[s]))) {
        p++;
        s++;
      } else if (p < pattern.length && pattern[p] == '*') {
        starAt = p++;
        resumeAt = s;
      } else if (starAt >= 0) {
        p = starAt + 1;
        s = ++resumeAt;
      } else {
        return false;
      }
    }
    while (p < pattern.length && pattern[p] == '*') {
      p++;
    }
    return p == pattern.length;
  }

  @Override
  public String toString() {
    return text;
  }
}
