package io.lakefs.sts.service.issuance;

/**
 * Why the service refuses a request: a stable code (the label of the service's denial metric) and the HTTP
 * status the refusal is answered with.
 */
public enum RefusalReason {
  BAD_REQUEST("bad_request", 400),
  UNREADABLE_BODY("unreadable_body", 400),
  BODY_TIMEOUT("body_timeout", 408),
  BODY_TOO_LARGE("body_too_large", 413),
  TWO_IDENTITIES("two_identities", 400),
  MALFORMED_LAKEFS_KEY("malformed_lakefs_key", 400),
  LAKEFS_AUTHENTICATION("lakefs_authentication", 401),
  KERBEROS_REFUSED("kerberos_refused", 403),
  UNCARRIABLE_USER_ID("uncarriable_user_id", 403),
  NO_LAKEFS_CREDENTIALS("no_lakefs_credentials", 403),
  LAKEFS_KEY_OF_ANOTHER_USER("lakefs_key_of_another_user", 403),
  TOO_MANY_TOKENS("too_many_tokens", 429),
  TOKEN_EXPIRES_TOO_SOON("token_expires_too_soon", 401),
  OUTSIDE_TOKEN_SCOPE("outside_token_scope", 403),
  REPOSITORY_ACCESS_DENIED("repository_access_denied", 403),
  REPOSITORY_READ_ONLY("repository_read_only", 403),
  REPOSITORY_NOT_FOUND("repository_not_found", 404),
  SCOPE_SPANS_ROLES("scope_spans_roles", 400),
  UNSUPPORTED_SCOPE("unsupported_scope", 400),
  LAKEFS_UNAVAILABLE("lakefs_unavailable", 503),
  STS_UNAVAILABLE("sts_unavailable", 503),
  STS_REFUSED_REQUEST("sts_refused_request", 400),
  STS_MISCONFIGURED("sts_misconfigured", 500),
  STS_DISABLED("sts_disabled", 501);

  private final String code;
  private final int status;

  RefusalReason(String code, int status) {
    this.code = code;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }
}
