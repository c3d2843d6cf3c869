package io.lakefs.sts.service.identity;

/**
 * The proxy-user rules do not let this superuser act for that user, from that address. The message names the
 * rules that were applied, and their values, so that an administrator knows what to change; the service
 * answers 403.
 */
public final class ImpersonationRefusedException extends Exception {
  private final String realUser;
  private final String effectiveUser;

  ImpersonationRefusedException(String message, String realUser, String effectiveUser, Throwable cause) {
    super(message, cause);
    this.realUser = realUser;
    this.effectiveUser = effectiveUser;
  }

  /** The authenticated caller (the gateway). */
  public String realUser() {
    return realUser;
  }

  /** The user it asked to act for. */
  public String effectiveUser() {
    return effectiveUser;
  }
}
