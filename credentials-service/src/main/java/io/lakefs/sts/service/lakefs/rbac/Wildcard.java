package io.lakefs.sts.service.lakefs.rbac;

/**
 * lakeFS's {@code wildcard.Match}: {@code *} matches any run of characters (none included), {@code ?}
 * exactly one, every other character itself; a path is a flat name, so {@code *} crosses {@code /}. Counted
 * in code points, as Go counts runes. Linear backtracking, so no pattern can make a match slow.
 */
final class Wildcard {
  private Wildcard() {
  }

  static boolean matches(String pattern, String value) {
    if (pattern.isEmpty()) {
      return value.isEmpty();
    }
    if (pattern.equals("*")) {
      return true;
    }
    int[] p = pattern.codePoints().toArray();
    int[] v = value.codePoints().toArray();
    int pi = 0;
    int vi = 0;
    int star = -1;
    int resumeAt = 0;
    while (vi < v.length) {
      if (pi < p.length && p[pi] == '*') {
        star = pi++;
        resumeAt = vi;
      } else if (pi < p.length && (p[pi] == '?' || p[pi] == v[vi])) {
        pi++;
        vi++;
      } else if (star >= 0) {
        // Let the last '*' swallow one more character and try again from there.
        pi = star + 1;
        vi = ++resumeAt;
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] == '*') {
      pi++;
    }
    return pi == p.length;
  }
}
