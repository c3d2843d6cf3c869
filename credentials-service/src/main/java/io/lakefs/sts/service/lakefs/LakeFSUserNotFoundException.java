package io.lakefs.sts.service.lakefs;

/**
 * lakeFS has no user of that id: never created, deleted since, or a Kerberos principal mapped to a name
 * lakeFS does not know. Nothing can be granted to it; the service answers 403.
 */
public final class LakeFSUserNotFoundException extends LakeFSException {
  private final String userId;

  LakeFSUserNotFoundException(String message, String userId, Throwable cause) {
    super(message, cause);
    this.userId = userId;
  }

  public String userId() {
    return userId;
  }
}
