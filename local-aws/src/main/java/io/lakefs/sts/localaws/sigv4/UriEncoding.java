package io.lakefs.sts.localaws.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-encoding as SigV4 defines it: RFC 3986 unreserved characters stay, every other byte is %XX. */
final class UriEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UriEncoding() {
  }

  static String encode(String text, boolean keepSlashes) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isUnreserved(c) || (keepSlashes && c == '/')) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  /**
   * Decodes %XX escapes. '+' stays '+': in a URI query it is a literal plus (RFC 3986), and SigV4 signers
   * encode spaces as %20.
   *
   * @throws IllegalArgumentException on a truncated or non-hex escape
   */
  static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '%') {
        out.write(bytes[i]);
        continue;
      }
      if (i + 2 >= bytes.length) {
        throw new IllegalArgumentException("truncated percent-escape at the end of '" + text + "'");
      }
      int high = Character.digit(bytes[i + 1], 16);
      int low = Character.digit(bytes[i + 2], 16);
      if (high < 0 || low < 0) {
        throw new IllegalArgumentException("invalid percent-escape '%" + (char) bytes[i + 1] + (char) bytes[i + 2]
            + "' in '" + text + "'");
      }
      out.write((high << 4) | low);
      i += 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.' || c == '~';
  }
}
