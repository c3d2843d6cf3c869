package io.lakefs.sts.service.lakefs;

/** Caller-supplied or lakeFS-supplied text as it may appear inside an error message: one line, bounded. */
final class MessageText {
  private static final int MAX_LENGTH = 200;

  private MessageText() {
  }

  /**
   * Control characters become '?', so that a value cannot forge log lines, and anything past
   * {@value #MAX_LENGTH} characters is cut.
   */
  static String of(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 1));
    for (int i = 0; i < text.length() && out.length() < MAX_LENGTH; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
    }
    return text.length() > MAX_LENGTH ? out.append('…').toString() : out.toString();
  }
}
