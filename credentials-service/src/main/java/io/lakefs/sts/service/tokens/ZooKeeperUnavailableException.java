package io.lakefs.sts.service.tokens;

import java.io.IOException;

/** ZooKeeper could not be reached at start-up, so the instance cannot share tokens and must not serve. */
public final class ZooKeeperUnavailableException extends IOException {
  public ZooKeeperUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
