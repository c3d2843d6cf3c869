package io.lakefs.sts.hadoop.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading an HTTP answer's body, bounded: a misbehaving peer cannot make a client hold more than it allows. */
final class AnswerBodies {
  private AnswerBodies() {
  }

  /** At most {@code maxBytes} of {@code in}, as UTF-8 text. */
  static String readUtf8(InputStream in, int maxBytes) throws IOException {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int left = maxBytes;
    for (int n = in.read(buffer, 0, Math.min(buffer.length, left)); n > 0 && left > 0;
        n = left > 0 ? in.read(buffer, 0, Math.min(buffer.length, left)) : -1) {
      read.write(buffer, 0, n);
      left -= n;
    }
    return new String(read.toByteArray(), StandardCharsets.UTF_8);
  }
}
