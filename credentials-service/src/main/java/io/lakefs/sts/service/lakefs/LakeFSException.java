package io.lakefs.sts.service.lakefs;

/**
 * Why lakeFS did not confirm who a caller is or what it may read. Every message says what to do, names
 * access key ids, users and repositories, and never holds a secret.
 */
public abstract class LakeFSException extends Exception {
  LakeFSException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * For one that a caller's lakeFS calls cannot throw, though a cache ({@link ExpiringCache}) rethrows them all as
   * this common type: a bug.
   */
  static IllegalStateException unexpected(LakeFSException e) {
    return new IllegalStateException("unexpected " + e.getClass().getSimpleName() + " from lakeFS", e);
  }
}
