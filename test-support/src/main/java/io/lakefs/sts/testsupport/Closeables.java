package io.lakefs.sts.testsupport;

/** Closing several fixtures at once, as every test's {@code @AfterClass} and every stack's {@code close()} does. */
public final class Closeables {
  private Closeables() {
  }

  /**
   * Closes each of {@code closeables} that is not null, in the order given, even when one before it fails; then
   * throws the first failure, the later ones added to it as suppressed.
   */
  public static void closeAll(AutoCloseable... closeables) throws Exception {
    Exception first = null;
    for (AutoCloseable closeable : closeables) {
      if (closeable == null) {
        continue;
      }
      try {
        closeable.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
