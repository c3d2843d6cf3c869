package io.lakefs.sts.service.lakefs;

import java.util.Optional;

/**
 * The caller is not a lakeFS user: lakeFS rejected the access key id or secret, or answered as if no
 * credentials had been sent. The service answers 401; trying again with the same credentials cannot help.
 */
public class LakeFSAuthenticationException extends LakeFSException {
  private final String accessKeyId;

  LakeFSAuthenticationException(String message, String accessKeyId, Throwable cause) {
    super(message, cause);
    this.accessKeyId = accessKeyId;
  }

  /** The access key id the caller presented, when it got that far. */
  public Optional<String> accessKeyId() {
    return Optional.ofNullable(accessKeyId);
  }
}
