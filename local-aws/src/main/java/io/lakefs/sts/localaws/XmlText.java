package io.lakefs.sts.localaws;

/** Text for XML documents both endpoints write (STS answers, S3 errors). */
public final class XmlText {
  private XmlText() {
  }

  /**
   * Escapes markup and drops characters XML 1.0 cannot carry at all (most control characters), which can
   * arrive inside refused input that an error message quotes.
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
          out.appendCodePoint(allowed ? c : 0xFFFD);
        }
      }
    });
    return out.toString();
  }
}
