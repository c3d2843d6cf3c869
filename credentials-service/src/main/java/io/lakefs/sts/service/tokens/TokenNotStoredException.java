package io.lakefs.sts.service.tokens;

import org.apache.hadoop.security.token.SecretManager.InvalidToken;

/**
 * A token this service signed (its signature checks) that the store no longer holds: cancelled, or expired and
 * purged. Told apart from a forged or altered token so that a cancel can answer "nothing left to cancel" (404),
 * which Hadoop's renewers treat as done, while a token that fails its signature stays a refusal (403).
 */
public final class TokenNotStoredException extends InvalidToken {
  private static final long serialVersionUID = 1L;

  TokenNotStoredException(String message) {
    super(message);
  }
}
